namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// The run of times, sizes and attributes shared by CREATE and CLOSE responses and
/// FILE_NETWORK_OPEN_INFORMATION ([MS-SMB2] 2.2.14, [MS-FSCC] 2.4.29).
/// </summary>
internal readonly record struct FileMetadata(
    long CreationTime, long LastAccessTime, long LastWriteTime, long ChangeTime,
    long AllocationSize, long EndOfFile, uint Attributes)
{
    public static FileMetadata Read(ref WireReader r) => new(
        r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadUInt32());
}
