using System.Buffers.Binary;
using System.Numerics;

namespace SmbSyncCluster.Smb.Crypto;

/// <summary>
/// MD4 (RFC 1320). NTLM's NT one-way function is MD4 over the UTF-16LE password ([MS-NLMP] 3.3.1),
/// and the BCL offers no MD4, so this is a plain implementation of the RFC.
/// </summary>
internal static class Md4
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSize = 16;

    private const int BlockSize = 64;

    // Per-step left rotations of each round (RFC 1320 3.4); each round cycles through four.
    private static ReadOnlySpan<byte> Round1Shifts => [3, 7, 11, 19];
    private static ReadOnlySpan<byte> Round2Shifts => [3, 5, 9, 13];
    private static ReadOnlySpan<byte> Round3Shifts => [3, 9, 11, 15];

    // Order in which rounds 2 and 3 visit the sixteen message words (round 1 goes 0..15).
    private static ReadOnlySpan<byte> Round2Words => [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
    private static ReadOnlySpan<byte> Round3Words => [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        Span<uint> state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
        var wholeBlocks = data.Length / BlockSize;
        for (var i = 0; i < wholeBlocks; i++)
        {
            Compress(state, data.Slice(i * BlockSize, BlockSize));
        }

        // RFC 1320 3.1-3.2: a 0x80 byte, zeros up to 56 mod 64, then the bit length as 64-bit little-endian.
        var rest = data[(wholeBlocks * BlockSize)..];
        Span<byte> tail = stackalloc byte[2 * BlockSize];
        tail.Clear();
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var tailLength = rest.Length < BlockSize - 8 ? BlockSize : 2 * BlockSize;
        BinaryPrimitives.WriteUInt64LittleEndian(tail[(tailLength - 8)..], (ulong)data.Length * 8);
        for (var offset = 0; offset < tailLength; offset += BlockSize)
        {
            Compress(state, tail.Slice(offset, BlockSize));
        }

        var digest = new byte[HashSize];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(i * 4), state[i]);
        }
        return digest;
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        Span<uint> x = stackalloc uint[16];
        for (var i = 0; i < 16; i++)
        {
            x[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(i * 4)..]);
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3];

        // Each step updates one register and the four rotate roles ([abcd], [dabc], [cdab], [bcda]),
        // which the tuple shuffle after every step expresses; 16 steps bring them back in place.
        for (var i = 0; i < 16; i++)
        {
            a = BitOperations.RotateLeft(a + ((b & c) | (~b & d)) + x[i], Round1Shifts[i % 4]);
            (a, b, c, d) = (d, a, b, c);
        }
        for (var i = 0; i < 16; i++)
        {
            a = BitOperations.RotateLeft(a + ((b & c) | (b & d) | (c & d)) + x[Round2Words[i]] + 0x5A827999, Round2Shifts[i % 4]);
            (a, b, c, d) = (d, a, b, c);
        }
        for (var i = 0; i < 16; i++)
        {
            a = BitOperations.RotateLeft(a + (b ^ c ^ d) + x[Round3Words[i]] + 0x6ED9EBA1, Round3Shifts[i % 4]);
            (a, b, c, d) = (d, a, b, c);
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
    }
}
