namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// Bytes of a local file that a WRITE carries without reading them into memory: the connection hands
/// the range to the kernel (sendfile), so a large upload costs no copies in this process.
/// </summary>
internal readonly record struct FileSegment(FileStream File, long Offset, int Length);
