using System.Security.Cryptography;

namespace SmbSyncCluster.Smb.Crypto;

/// <summary>
/// AES-CMAC (RFC 4493), the SMB 3.0/3.0.2/3.1.1 signing algorithm ([MS-SMB2] 3.1.4.1). One instance holds
/// the expanded key and subkeys for a session and signs any number of messages; it is not thread-safe.
/// </summary>
internal sealed class AesCmac : IDisposable
{
    /// <summary>Size of the MAC in bytes.</summary>
    public const int MacSize = 16;

    private const int BlockSize = 16;

    // Everything but the last block is a plain CBC-MAC, which one CBC encryption call computes for many
    // blocks at once; this bounds the scratch buffer it writes into, so big messages go through in chunks.
    private const int ChunkSize = 16 * 1024;

    private readonly Aes _aes;
    private readonly byte[] _k1 = new byte[BlockSize];
    private readonly byte[] _k2 = new byte[BlockSize];
    private readonly byte[] _scratch = new byte[ChunkSize];
    private bool _disposed;

    public AesCmac(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 32))
        {
            throw new ArgumentException("AES-CMAC takes a 128-bit or 256-bit key.", nameof(key));
        }

        _aes = Aes.Create();
        var keyCopy = key.ToArray();
        _aes.Key = keyCopy;
        CryptographicOperations.ZeroMemory(keyCopy);

        // RFC 4493 2.3: L = AES(K, 0^128); K1 = L doubled in GF(2^128); K2 = K1 doubled.
        Span<byte> l = stackalloc byte[BlockSize];
        l.Clear();
        _aes.EncryptEcb(l, l, PaddingMode.None);
        Double(l, _k1);
        Double(_k1, _k2);
        CryptographicOperations.ZeroMemory(l);
    }

    /// <summary>Writes the 16-byte MAC of <paramref name="data"/> into <paramref name="mac"/>.</summary>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (mac.Length != MacSize)
        {
            throw new ArgumentException("The AES-CMAC output is 16 bytes.", nameof(mac));
        }

        // RFC 4493 2.4: the last block (whole, or padded with 10*) is XORed with K1 or K2 respectively;
        // an empty message counts as one incomplete block.
        var lastBlockStart = data.IsEmpty ? 0 : (data.Length - 1) / BlockSize * BlockSize;
        Span<byte> chain = stackalloc byte[BlockSize];
        chain.Clear();
        var head = data[..lastBlockStart];
        while (!head.IsEmpty)
        {
            var length = Math.Min(head.Length, ChunkSize);
            var encrypted = _scratch.AsSpan(0, length);
            _aes.EncryptCbc(head[..length], chain, encrypted, PaddingMode.None);
            encrypted[^BlockSize..].CopyTo(chain);
            head = head[length..];
        }

        var last = data[lastBlockStart..];
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        last.CopyTo(block);
        ReadOnlySpan<byte> subkey = _k1;
        if (last.Length < BlockSize)
        {
            block[last.Length] = 0x80;
            subkey = _k2;
        }
        for (var i = 0; i < BlockSize; i++)
        {
            block[i] ^= (byte)(subkey[i] ^ chain[i]);
        }
        _aes.EncryptEcb(block, mac, PaddingMode.None);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        CryptographicOperations.ZeroMemory(_k1);
        CryptographicOperations.ZeroMemory(_k2);
        CryptographicOperations.ZeroMemory(_scratch);
        _aes.Dispose();
    }

    // Multiplication by x in GF(2^128): a left shift by one bit, folding the carry back in with R_b = 0x87.
    private static void Double(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var carry = (input[0] & 0x80) != 0;
        for (var i = 0; i < BlockSize - 1; i++)
        {
            output[i] = (byte)((input[i] << 1) | (input[i + 1] >> 7));
        }
        output[BlockSize - 1] = (byte)(input[BlockSize - 1] << 1);
        if (carry)
        {
            output[BlockSize - 1] ^= 0x87;
        }
    }
}
