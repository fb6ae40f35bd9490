using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>What a store holds at a name: a file, a directory, or something a sync does not follow (links, devices).</summary>
public enum StoreEntryKind
{
    /// <summary>A regular file.</summary>
    File,
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A symbolic link, reparse point, device or socket: reported, never followed or copied.</summary>
    Other,
}

/// <summary>One entry of a directory listing or a stat.</summary>
/// <param name="Name">The entry's own name.</param>
/// <param name="Kind">File, directory or other.</param>
/// <param name="Size">Size in bytes (0 for directories).</param>
/// <param name="ModifiedUtc">Last modification time, UTC.</param>
public sealed record StoreEntry(string Name, StoreEntryKind Kind, long Size, DateTime ModifiedUtc)
{
    /// <summary>For <see cref="StoreEntryKind.Other"/>, what the entry is and why it is left alone, when the store knows.</summary>
    public string? Note { get; init; }

    /// <summary>True when this entry is still the version a scan recorded as <paramref name="expected"/> (kind, size, time within the tolerance).</summary>
    public bool Matches(EntryState expected, long toleranceTicks) =>
        Kind != StoreEntryKind.Other
        && expected.SameAs(new EntryState(Kind == StoreEntryKind.Directory ? EntryKind.Directory : EntryKind.File, Size, ModifiedUtc.Ticks), toleranceTicks);
}
