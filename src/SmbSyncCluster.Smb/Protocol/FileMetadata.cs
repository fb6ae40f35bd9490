namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// The times, sizes and attributes of a file. CREATE and CLOSE responses ([MS-SMB2] 2.2.14, 2.2.16) put
/// AllocationSize before EndOfFile; directory information entries ([MS-FSCC] 2.4.18) the other way round.
/// </summary>
internal readonly record struct FileMetadata(
    long CreationTime, long LastAccessTime, long LastWriteTime, long ChangeTime,
    long AllocationSize, long EndOfFile, uint Attributes)
{
    public static FileMetadata ReadAllocationFirst(ref WireReader r)
    {
        var (creation, access, write, change) = (r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        var allocation = r.ReadInt64();
        return new(creation, access, write, change, allocation, r.ReadInt64(), r.ReadUInt32());
    }

    public static FileMetadata ReadEndOfFileFirst(ref WireReader r)
    {
        var (creation, access, write, change) = (r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        var endOfFile = r.ReadInt64();
        var allocation = r.ReadInt64();
        return new(creation, access, write, change, allocation, endOfFile, r.ReadUInt32());
    }
}
