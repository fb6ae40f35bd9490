namespace SmbSyncCluster.Smb.Protocol;

/// <summary>SMB2 QUERY_INFO request for a file information class ([MS-SMB2] 2.2.37).</summary>
internal sealed class QueryInfoRequest(FileId fileId, byte fileInfoClass, int outputBufferLength) : Smb2Request
{
    /// <summary>FILE_INTERNAL_INFORMATION ([MS-FSCC] 2.4.22): the 8-byte file id.</summary>
    public const byte FileInternalInformation = 6;

    private const int FixedSize = 40;
    private const byte InfoTypeFile = 1;

    public override Smb2Command Command => Smb2Command.QueryInfo;

    public override int BodySize => FixedSize + 1;

    public override int PayloadSize => outputBufferLength;

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(41);
        w.WriteByte(InfoTypeFile);
        w.WriteByte(fileInfoClass);
        w.WriteUInt32((uint)outputBufferLength);
        w.WriteUInt16(0); // InputBufferOffset
        w.WriteUInt16(0);
        w.WriteUInt32(0); // InputBufferLength
        w.WriteUInt32(0); // AdditionalInformation
        w.WriteUInt32(0); // Flags
        fileId.Write(ref w);
        w.WriteByte(0);
    }
}
