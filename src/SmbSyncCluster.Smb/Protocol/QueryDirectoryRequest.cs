namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// SMB2 QUERY_DIRECTORY request ([MS-SMB2] 2.2.33) for FileDirectoryInformation ([MS-FSCC] 2.4.10):
/// names, sizes, times and attributes, all a scan uses. The richer classes make the server work out
/// every entry's extended-attribute size and file id as well, which slows every listing down for
/// nothing a scan reads (figures in bench/README.md).
/// </summary>
internal sealed class QueryDirectoryRequest(FileId fileId, bool restart, int outputBufferLength) : Smb2Request
{
    private const int FixedSize = 32;
    private const byte FileDirectoryInformation = 0x01;
    private const byte RestartScans = 0x01;
    private const string Pattern = "*";

    public override Smb2Command Command => Smb2Command.QueryDirectory;

    public override int BodySize => FixedSize + WireWriter.Utf16Length(Pattern);

    public override int PayloadSize => outputBufferLength;

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(33);
        w.WriteByte(FileDirectoryInformation);
        w.WriteByte(restart ? RestartScans : (byte)0);
        w.WriteUInt32(0); // FileIndex
        fileId.Write(ref w);
        w.WriteUInt16(Smb2Header.Size + FixedSize);
        w.WriteUInt16((ushort)WireWriter.Utf16Length(Pattern));
        w.WriteUInt32((uint)outputBufferLength);
        w.WriteUtf16(Pattern);
    }
}
