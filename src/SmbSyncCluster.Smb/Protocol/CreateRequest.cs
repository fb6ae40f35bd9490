namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 CREATE request ([MS-SMB2] 2.2.13): opens or creates a file or directory by share-relative path.</summary>
internal sealed class CreateRequest : Smb2Request
{
    private const int FixedSize = 56;
    private const uint ImpersonationLevelImpersonation = 2;

    public required string Path { get; init; }
    public required uint DesiredAccess { get; init; }
    public uint FileAttributes { get; init; }
    public uint ShareAccess { get; init; } = CreateOptions.ShareAll;
    public required uint CreateDisposition { get; init; }
    public uint Options { get; init; }

    public override Smb2Command Command => Smb2Command.Create;

    // The Buffer must hold at least one byte even when the name is empty (the share root).
    public override int BodySize => FixedSize + Math.Max(1, WireWriter.Utf16Length(Path));

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(57);
        w.WriteByte(0); // SecurityFlags
        w.WriteByte(0); // RequestedOplockLevel: none; a sync tool does not cache
        w.WriteUInt32(ImpersonationLevelImpersonation);
        w.WriteUInt64(0); // SmbCreateFlags
        w.WriteUInt64(0); // Reserved
        w.WriteUInt32(DesiredAccess);
        w.WriteUInt32(FileAttributes);
        w.WriteUInt32(ShareAccess);
        w.WriteUInt32(CreateDisposition);
        w.WriteUInt32(Options);
        w.WriteUInt16(Smb2Header.Size + FixedSize);
        w.WriteUInt16((ushort)WireWriter.Utf16Length(Path));
        w.WriteUInt32(0); // CreateContextsOffset
        w.WriteUInt32(0); // CreateContextsLength
        w.WriteUtf16(Path);
    }
}
