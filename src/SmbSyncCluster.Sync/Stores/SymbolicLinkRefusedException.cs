namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// A local path leads through (or ends in) a symbolic link, which the store never follows: a user who
/// can write the tree may have swapped a directory for a link to /etc since the scan. The item fails;
/// nothing outside the root is read or written.
/// </summary>
public sealed class SymbolicLinkRefusedException(string path)
    : UnauthorizedAccessException($"'{path}' is a symbolic link (it may have become one since the scan): not followed")
{
    /// <summary>The store-relative path of the link.</summary>
    public string Path { get; } = path;
}
