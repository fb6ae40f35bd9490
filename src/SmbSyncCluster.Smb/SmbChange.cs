namespace SmbSyncCluster.Smb;

/// <summary>What a change notification says happened to a path.</summary>
public enum SmbChangeKind
{
    /// <summary>Created.</summary>
    Added,
    /// <summary>Deleted.</summary>
    Removed,
    /// <summary>Its content, size, times or attributes changed.</summary>
    Modified,
    /// <summary>Renamed: its old name.</summary>
    RenamedFrom,
    /// <summary>Renamed: its new name.</summary>
    RenamedTo,
}

/// <summary>One change under a watched directory.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Path">The path, relative to the watched directory, '/' between components; none is empty, "." or "..".</param>
public sealed record SmbChange(SmbChangeKind Kind, string Path);

/// <summary>
/// What one change notification reported: the changes, or (<see cref="Overflowed"/>) that the server
/// dropped some and the watched tree must be scanned again to know.
/// </summary>
public sealed record SmbChangeBatch(IReadOnlyList<SmbChange> Changes, bool Overflowed);
