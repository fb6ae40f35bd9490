using System.Buffers.Binary;
using System.Security.Cryptography;
using SmbSyncCluster.Smb.Crypto;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Security;

/// <summary>
/// Signs and verifies SMB2 messages ([MS-SMB2] 3.1.4.1, 3.1.5.1). One instance per direction: the
/// underlying primitives are not safe to share between the sending path and the receive loop.
/// </summary>
internal abstract class Smb2Signer : IDisposable
{
    public static Smb2Signer Create(Smb2SigningAlgorithm algorithm, byte[] key) => algorithm switch
    {
        Smb2SigningAlgorithm.HmacSha256 => new HmacSha256Signer(key),
        Smb2SigningAlgorithm.AesCmac => new AesCmacSigner(key),
        Smb2SigningAlgorithm.AesGmac => new AesGmacSigner(key),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Sets SMB2_FLAGS_SIGNED, zeroes the signature field and writes the signature of <paramref name="message"/>.</summary>
    public void Sign(Span<byte> message)
    {
        var flags = (Smb2HeaderFlags)BinaryPrimitives.ReadUInt32LittleEndian(message[Smb2Header.FlagsOffset..]);
        Smb2Header.SetFlags(message, flags | Smb2HeaderFlags.Signed);
        var signature = message.Slice(Smb2Header.SignatureOffset, Smb2Header.SignatureSize);
        signature.Clear();
        Span<byte> mac = stackalloc byte[16];
        Compute(message, mac);
        mac.CopyTo(signature);
    }

    /// <summary>True when the signature in <paramref name="message"/> is right. The buffer is restored afterwards.</summary>
    public bool Verify(Span<byte> message)
    {
        var signature = message.Slice(Smb2Header.SignatureOffset, Smb2Header.SignatureSize);
        Span<byte> received = stackalloc byte[16];
        signature.CopyTo(received);
        signature.Clear();
        Span<byte> expected = stackalloc byte[16];
        Compute(message, expected);
        received.CopyTo(signature);
        return CryptographicOperations.FixedTimeEquals(received, expected);
    }

    protected abstract void Compute(ReadOnlySpan<byte> message, Span<byte> mac);

    public abstract void Dispose();

    private sealed class HmacSha256Signer(byte[] key) : Smb2Signer
    {
        private readonly HMACSHA256 _hmac = new(key);

        protected override void Compute(ReadOnlySpan<byte> message, Span<byte> mac)
        {
            Span<byte> full = stackalloc byte[32];
            _hmac.TryComputeHash(message, full, out _);
            full[..16].CopyTo(mac);
        }

        public override void Dispose() => _hmac.Dispose();
    }

    private sealed class AesCmacSigner(byte[] key) : Smb2Signer
    {
        private readonly AesCmac _cmac = new(key);

        protected override void Compute(ReadOnlySpan<byte> message, Span<byte> mac) => _cmac.Compute(message, mac);

        public override void Dispose() => _cmac.Dispose();
    }

    /// <summary>AES-128-GMAC: GCM with no plaintext, the message as associated data.</summary>
    private sealed class AesGmacSigner(byte[] key) : Smb2Signer
    {
        private const uint ServerBit = 0x1;
        private const uint CancelBit = 0x2;
        private readonly AesGcm _gcm = new(key, 16);

        protected override void Compute(ReadOnlySpan<byte> message, Span<byte> mac)
        {
            // Nonce: MessageId, then bit 0 for server-to-client and bit 1 for CANCEL ([MS-SMB2] 3.1.4.1).
            Span<byte> nonce = stackalloc byte[12];
            message.Slice(24, 8).CopyTo(nonce);
            var flags = (Smb2HeaderFlags)BinaryPrimitives.ReadUInt32LittleEndian(message[Smb2Header.FlagsOffset..]);
            var command = (Smb2Command)BinaryPrimitives.ReadUInt16LittleEndian(message[12..]);
            var role = ((flags & Smb2HeaderFlags.ServerToRedir) != 0 ? ServerBit : 0) | (command == Smb2Command.Cancel ? CancelBit : 0);
            BinaryPrimitives.WriteUInt32LittleEndian(nonce[8..], role);
            _gcm.Encrypt(nonce, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, mac, message);
        }

        public override void Dispose() => _gcm.Dispose();
    }
}
