namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 CREATE response ([MS-SMB2] 2.2.14): the handle and the file's times, sizes and attributes.</summary>
internal sealed record CreateResponse(FileId FileId, FileMetadata Metadata)
{
    public static CreateResponse Parse(ReadOnlySpan<byte> message)
    {
        var r = new WireReader(message) { Position = Smb2Header.Size };
        r.ExpectStructureSize(89, "CREATE response");
        r.Skip(2); // OplockLevel, Flags
        r.Skip(4); // CreateAction
        var metadata = FileMetadata.ReadAllocationFirst(ref r);
        r.Skip(4); // Reserved2
        return new CreateResponse(FileId.Read(ref r), metadata);
    }
}
