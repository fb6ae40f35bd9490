using System.Buffers.Binary;
using System.Security.Cryptography;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Security;

/// <summary>
/// Encrypts outgoing and decrypts incoming SMB 3.x messages with the session's cipher ([MS-SMB2] 3.1.4.3,
/// 3.2.5.1.1.1). Encryption runs only on the sending path and decryption only on the receive loop, so
/// each direction has its own cipher instance.
/// </summary>
internal sealed class Smb2Cryptor : IDisposable
{
    private const int TagSize = 16;
    private readonly Smb2Cipher _cipher;
    private readonly IDisposable _encryptor;
    private readonly IDisposable _decryptor;
    private readonly int _nonceSize;
    private readonly byte[] _noncePrefix = RandomNumberGenerator.GetBytes(4);
    private ulong _nonceCounter;

    public Smb2Cryptor(Smb2Cipher cipher, byte[] encryptionKey, byte[] decryptionKey)
    {
        _cipher = cipher;
        var gcm = cipher is Smb2Cipher.Aes128Gcm or Smb2Cipher.Aes256Gcm;
        _nonceSize = gcm ? 12 : 11;
        _encryptor = gcm ? new AesGcm(encryptionKey, TagSize) : new AesCcm(encryptionKey);
        _decryptor = gcm ? new AesGcm(decryptionKey, TagSize) : new AesCcm(decryptionKey);
    }

    public Smb2Cipher Cipher => _cipher;

    /// <summary>Writes the transform header and the ciphertext of <paramref name="plaintext"/> into <paramref name="destination"/>.</summary>
    public void Encrypt(ReadOnlySpan<byte> plaintext, ulong sessionId, Span<byte> destination)
    {
        var header = destination[..TransformHeader.Size];
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, TransformHeader.ProtocolId);
        // A unique nonce per message: a random prefix and a counter; the spec only asks that none repeats in a session.
        var nonce = header.Slice(TransformHeader.NonceOffset, _nonceSize);
        _noncePrefix.AsSpan(0, _nonceSize - 8).CopyTo(nonce);
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[(_nonceSize - 8)..], ++_nonceCounter);
        BinaryPrimitives.WriteUInt32LittleEndian(header[TransformHeader.OriginalMessageSizeOffset..], (uint)plaintext.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[TransformHeader.FlagsOffset..], TransformHeader.FlagEncrypted);
        BinaryPrimitives.WriteUInt64LittleEndian(header[TransformHeader.SessionIdOffset..], sessionId);
        var tag = header.Slice(TransformHeader.SignatureOffset, TagSize);
        var aad = header[TransformHeader.AadOffset..];
        var ciphertext = destination.Slice(TransformHeader.Size, plaintext.Length);
        switch (_encryptor)
        {
            case AesGcm g:
                g.Encrypt(nonce, plaintext, ciphertext, tag, aad);
                break;
            case AesCcm c:
                c.Encrypt(nonce, plaintext, ciphertext, tag, aad);
                break;
        }
    }

    /// <summary>Size of the plaintext inside a transform message, bounds-checked against the frame.</summary>
    public static int PlaintextLength(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < TransformHeader.Size + Smb2Header.Size)
        {
            throw new SmbProtocolException("encrypted frame shorter than a transform header and an SMB2 header");
        }
        var size = BinaryPrimitives.ReadUInt32LittleEndian(frame[TransformHeader.OriginalMessageSizeOffset..]);
        if (size != frame.Length - TransformHeader.Size)
        {
            throw new SmbProtocolException($"encrypted frame claims {size} plaintext bytes but carries {frame.Length - TransformHeader.Size}");
        }
        return (int)size;
    }

    public static ulong SessionIdOf(ReadOnlySpan<byte> frame) =>
        BinaryPrimitives.ReadUInt64LittleEndian(frame[TransformHeader.SessionIdOffset..]);

    /// <summary>Authenticates and decrypts a transform frame into <paramref name="plaintext"/>; a bad tag is a protocol error.</summary>
    public void Decrypt(ReadOnlySpan<byte> frame, Span<byte> plaintext)
    {
        var length = PlaintextLength(frame);
        var nonce = frame.Slice(TransformHeader.NonceOffset, _nonceSize);
        var tag = frame.Slice(TransformHeader.SignatureOffset, TagSize);
        var aad = frame.Slice(TransformHeader.AadOffset, TransformHeader.Size - TransformHeader.AadOffset);
        var ciphertext = frame.Slice(TransformHeader.Size, length);
        try
        {
            switch (_decryptor)
            {
                case AesGcm g:
                    g.Decrypt(nonce, ciphertext, tag, plaintext[..length], aad);
                    break;
                case AesCcm c:
                    c.Decrypt(nonce, ciphertext, tag, plaintext[..length], aad);
                    break;
            }
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new SmbProtocolException("encrypted message failed authentication", e);
        }
    }

    public void Dispose()
    {
        _encryptor.Dispose();
        _decryptor.Dispose();
    }
}
