using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb;

/// <summary>A file or directory on a share, as listed or stat'ed. Times are UTC.</summary>
/// <param name="Name">The entry's own name (no path separators).</param>
/// <param name="IsDirectory">True for a directory.</param>
/// <param name="Size">End of file in bytes (0 for directories).</param>
/// <param name="CreationTimeUtc">Creation time.</param>
/// <param name="LastWriteTimeUtc">Last write (modification) time.</param>
/// <param name="LastAccessTimeUtc">Last access time.</param>
/// <param name="ChangeTimeUtc">Last metadata change time.</param>
/// <param name="Attributes">DOS/NTFS attributes.</param>
/// <param name="FileId">The server's 64-bit file id (inode-like); 0 when unknown, as in a listing.</param>
public sealed record SmbEntry(
    string Name,
    bool IsDirectory,
    long Size,
    DateTime CreationTimeUtc,
    DateTime LastWriteTimeUtc,
    DateTime LastAccessTimeUtc,
    DateTime ChangeTimeUtc,
    FileAttributes Attributes,
    long FileId)
{
    internal static SmbEntry FromWire(string name, FileMetadata m, long fileId)
    {
        if (name.Length == 0 || name.AsSpan().IndexOfAny('\\', '/', '\0') >= 0 || name is "." or "..")
        {
            throw new SmbProtocolException($"server returned an entry name that is not a plain file name: '{name.Replace("\0", "\\0", StringComparison.Ordinal)}'");
        }
        return FromMetadata(name, m, fileId);
    }

    /// <summary>Builds an entry for a name the caller already validated (e.g. the last component of a stat'ed path).</summary>
    internal static SmbEntry FromMetadata(string name, FileMetadata m, long fileId)
    {
        var attributes = (FileAttributes)m.Attributes;
        var isDirectory = (attributes & FileAttributes.Directory) != 0;
        return new SmbEntry(
            name,
            isDirectory,
            isDirectory ? 0 : Math.Max(0, m.EndOfFile),
            FileTimes.ToUtc(m.CreationTime),
            FileTimes.ToUtc(m.LastWriteTime),
            FileTimes.ToUtc(m.LastAccessTime),
            FileTimes.ToUtc(m.ChangeTime),
            attributes,
            fileId);
    }
}
