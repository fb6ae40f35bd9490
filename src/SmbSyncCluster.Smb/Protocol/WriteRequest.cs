namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// SMB2 WRITE request ([MS-SMB2] 2.2.21); the data follows the fixed part and comes from memory or,
/// sent as it is, from a range of a local file.
/// </summary>
internal sealed class WriteRequest : Smb2Request
{
    private const int FixedSize = 48;

    private readonly FileId _fileId;
    private readonly long _offset;
    private readonly ReadOnlyMemory<byte> _data;
    private readonly FileSegment? _file;
    private readonly int _length;

    public WriteRequest(FileId fileId, long offset, ReadOnlyMemory<byte> data)
    {
        _fileId = fileId;
        _offset = offset;
        _data = data;
        _length = data.Length;
    }

    public WriteRequest(FileId fileId, long offset, FileSegment file)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(file.Length);
        _fileId = fileId;
        _offset = offset;
        _file = file;
        _length = file.Length;
    }

    public override Smb2Command Command => Smb2Command.Write;

    public override int BodySize => FixedSize + Math.Max(1, _length);

    public override int PayloadSize => _length;

    public override ReadOnlyMemory<byte> Payload => _data;

    public override FileSegment? PayloadFile => _file;

    public override void WriteBody(Span<byte> body)
    {
        var w = new WireWriter(body);
        w.WriteUInt16(49);
        w.WriteUInt16(Smb2Header.Size + FixedSize);
        w.WriteUInt32((uint)_length);
        w.WriteUInt64((ulong)_offset);
        _fileId.Write(ref w);
        w.WriteUInt32(0); // Channel
        w.WriteUInt32(0); // RemainingBytes
        w.WriteUInt16(0); // WriteChannelInfoOffset
        w.WriteUInt16(0); // WriteChannelInfoLength
        w.WriteUInt32(0); // Flags: no write-through; FLUSH is explicit
        if (_length == 0)
        {
            w.WriteByte(0); // the Buffer holds at least one byte
        }
    }
}
