using System.Security.Cryptography;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Tests.Security;

public sealed class SigningAndEncryptionTests
{
    private static byte[] Message(int bodyLength = 100)
    {
        var message = RandomNumberGenerator.GetBytes(Smb2Header.Size + bodyLength);
        new Smb2Header { Command = Smb2Command.Read, MessageId = 42, SessionId = 7 }.Write(message);
        return message;
    }

    public static TheoryData<Smb2SigningAlgorithm> Algorithms => [.. Enum.GetValues<Smb2SigningAlgorithm>()];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_signed_message_verifies_and_any_flipped_bit_does_not(Smb2SigningAlgorithm algorithm)
    {
        var key = RandomNumberGenerator.GetBytes(16);
        using var sender = Smb2Signer.Create(algorithm, key);
        using var receiver = Smb2Signer.Create(algorithm, key);
        var message = Message();

        sender.Sign(message);

        Assert.True(receiver.Verify(message));
        for (var i = 0; i < message.Length; i += 7)
        {
            var tampered = (byte[])message.Clone();
            tampered[i] ^= 0x10;
            Assert.False(receiver.Verify(tampered), $"flipping byte {i} went unnoticed");
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_different_key_does_not_verify(Smb2SigningAlgorithm algorithm)
    {
        using var sender = Smb2Signer.Create(algorithm, RandomNumberGenerator.GetBytes(16));
        using var other = Smb2Signer.Create(algorithm, RandomNumberGenerator.GetBytes(16));
        var message = Message();

        sender.Sign(message);

        Assert.False(other.Verify(message));
    }

    public static TheoryData<Smb2Cipher> Ciphers => [Smb2Cipher.Aes128Ccm, Smb2Cipher.Aes128Gcm, Smb2Cipher.Aes256Ccm, Smb2Cipher.Aes256Gcm];

    [Theory]
    [MemberData(nameof(Ciphers))]
    public void Encrypted_messages_decrypt_with_the_peer_keys_and_reject_tampering(Smb2Cipher cipher)
    {
        var keyLength = cipher is Smb2Cipher.Aes256Ccm or Smb2Cipher.Aes256Gcm ? 32 : 16;
        var c2s = RandomNumberGenerator.GetBytes(keyLength);
        var s2c = RandomNumberGenerator.GetBytes(keyLength);
        using var client = new Smb2Cryptor(cipher, c2s, s2c);
        using var server = new Smb2Cryptor(cipher, s2c, c2s);
        var message = Message(5000);
        var frame = new byte[TransformHeader.Size + message.Length];

        client.Encrypt(message, 7, frame);
        var plain = new byte[message.Length];
        server.Decrypt(frame, plain);

        Assert.Equal(message, plain);
        Assert.Equal(7UL, Smb2Cryptor.SessionIdOf(frame));
        frame[^1] ^= 1;
        Assert.Throws<SmbProtocolException>(() => server.Decrypt(frame, plain));
    }

    [Fact]
    public void Nonces_never_repeat_within_a_session()
    {
        using var client = new Smb2Cryptor(Smb2Cipher.Aes128Gcm, new byte[16], new byte[16]);
        var message = Message();
        var nonces = new HashSet<string>();
        var frame = new byte[TransformHeader.Size + message.Length];

        for (var i = 0; i < 1000; i++)
        {
            client.Encrypt(message, 1, frame);
            Assert.True(nonces.Add(Convert.ToHexString(frame, TransformHeader.NonceOffset, 16)));
        }
    }
}
