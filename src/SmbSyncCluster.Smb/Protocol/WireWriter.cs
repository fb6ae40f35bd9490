using System.Buffers.Binary;
using System.Text;

namespace SmbSyncCluster.Smb.Protocol;

/// <summary>Little-endian writes into a span sized by the caller from the structure's own size constants.</summary>
internal ref struct WireWriter(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;

    public int Position { get; set; }

    public void WriteByte(byte value) => _buffer[Position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer[Position..], value);
        Position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer[Position..], value);
        Position += 4;
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer[Position..], value);
        Position += 8;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer[Position..], value);
        Position += 8;
    }

    public void WriteGuid(Guid value)
    {
        value.TryWriteBytes(_buffer[Position..]);
        Position += 16;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[Position..]);
        Position += bytes.Length;
    }

    public void WriteUtf16(string value) => Position += Encoding.Unicode.GetBytes(value, _buffer[Position..]);

    public void WriteZeros(int count)
    {
        _buffer.Slice(Position, count).Clear();
        Position += count;
    }

    public static int Utf16Length(string value) => value.Length * 2;
}
