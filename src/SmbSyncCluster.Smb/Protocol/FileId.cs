namespace SmbSyncCluster.Smb.Protocol;

/// <summary>An SMB2_FILEID: the persistent and volatile halves of an open handle ([MS-SMB2] 2.2.14.1).</summary>
internal readonly record struct FileId(ulong Persistent, ulong Volatile)
{
    public const int Size = 16;

    /// <summary>The id that stands for "the file opened earlier in this compound" ([MS-SMB2] 3.2.4.1.4).</summary>
    public static FileId Related { get; } = new(ulong.MaxValue, ulong.MaxValue);

    public void Write(ref WireWriter w)
    {
        w.WriteUInt64(Persistent);
        w.WriteUInt64(Volatile);
    }

    public static FileId Read(ref WireReader r) => new(r.ReadUInt64(), r.ReadUInt64());
}
