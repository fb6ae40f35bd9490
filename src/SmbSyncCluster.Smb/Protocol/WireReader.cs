using System.Buffers.Binary;
using System.Text;
using SmbSyncCluster.Smb.Errors;

namespace SmbSyncCluster.Smb.Protocol;

/// <summary>
/// Bounds-checked little-endian reads over a server message. Every read past the end, and every
/// offset/length pair pointing outside the message, raises <see cref="SmbProtocolException"/>.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;

    public int Position { get; set; }

    public readonly int Length => _buffer.Length;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public Guid ReadGuid() => new(Take(16));

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    public void Skip(int count) => Take(count);

    /// <summary>The <paramref name="length"/> bytes at <paramref name="offset"/> from the start of the buffer.</summary>
    public readonly ReadOnlySpan<byte> Slice(long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset + length > _buffer.Length)
        {
            throw new SmbProtocolException($"{what} (offset {offset}, length {length}) lies outside a {_buffer.Length}-byte message");
        }
        return _buffer.Slice((int)offset, (int)length);
    }

    /// <summary>Checks a fixed StructureSize field against the spec's value.</summary>
    public void ExpectStructureSize(ushort expected, string structure)
    {
        var actual = ReadUInt16();
        if (actual != expected)
        {
            throw new SmbProtocolException($"{structure} has StructureSize {actual}, expected {expected}");
        }
    }

    public static string Utf16(ReadOnlySpan<byte> bytes, string what)
    {
        if ((bytes.Length & 1) != 0)
        {
            throw new SmbProtocolException($"{what} has an odd UTF-16 byte length {bytes.Length}");
        }
        return Encoding.Unicode.GetString(bytes);
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || Position + count > _buffer.Length)
        {
            throw new SmbProtocolException($"message truncated: needed {count} bytes at offset {Position} of {_buffer.Length}");
        }
        var span = _buffer.Slice(Position, count);
        Position += count;
        return span;
    }
}
