using System.Security.Cryptography;
using System.Text;
using SmbSyncCluster.Smb.Auth.Ntlm;
using SmbSyncCluster.Smb.Auth.Spnego;
using SmbSyncCluster.Smb.Crypto;
using SmbSyncCluster.Smb.Tests.Crypto;

namespace SmbSyncCluster.Smb.Tests.Auth;

public sealed class NtlmSignatureTests
{
    private static readonly NtlmNegotiateFlags SpecFlags = (NtlmNegotiateFlags)MsNlmpVectors.ChallengeFlags;

    [Fact]
    public void Signing_and_sealing_keys_match_4_2_4_4()
    {
        Assert.Equal(MsNlmpVectors.ClientSigningKey, NtlmSessionKeys.SigningKey(MsNlmpVectors.RandomSessionKey, NtlmDirection.ClientToServer));
        Assert.Equal(MsNlmpVectors.ClientSealingKey, NtlmSessionKeys.SealingKey(MsNlmpVectors.RandomSessionKey, SpecFlags, NtlmDirection.ClientToServer));
    }

    [Fact]
    public void The_4_2_4_4_seal_of_Plaintext_follows_from_the_sealing_key()
    {
        // GSS_WrapEx encrypts the 18 data bytes, then the checksum, with one running RC4 stream.
        var plaintext = Encoding.Unicode.GetBytes("Plaintext");
        var keyStream = Rc4.Transform(MsNlmpVectors.ClientSealingKey, new byte[plaintext.Length + 8]);
        var unsealed = NtlmSignature.ComputeFirst(MsNlmpVectors.RandomSessionKey, SpecFlags & ~NtlmNegotiateFlags.KeyExchange, NtlmDirection.ClientToServer, plaintext);

        Assert.Equal(TestBytes.Hex("54e50165bf1936dc996020c1811b0f06fb5f"), Xor(plaintext, keyStream[..plaintext.Length]));
        Assert.Equal(TestBytes.Hex("0100000070352851f256430900000000"), unsealed);
        Assert.Equal(TestBytes.Hex("7fb38ec5c55d4976"), Xor(unsealed[4..12], keyStream[plaintext.Length..]));
    }

    [Fact]
    public void With_key_exchange_the_checksum_is_RC4_sealed_from_a_fresh_handle()
    {
        var plaintext = Encoding.Unicode.GetBytes("Plaintext");
        var signature = NtlmSignature.ComputeFirst(MsNlmpVectors.RandomSessionKey, SpecFlags, NtlmDirection.ClientToServer, plaintext);

        Assert.Equal(Rc4.Transform(MsNlmpVectors.ClientSealingKey, TestBytes.Hex("70352851f2564309")), signature[4..12]);
    }

    [Fact]
    public void Reproduces_the_mechListMICs_of_a_real_Windows_exchange()
    {
        var flags = (NtlmNegotiateFlags)0xE2888215; // the flags of the captured AUTHENTICATE
        var mechTypes = SpnegoOids.NtlmMechTypeList();

        Assert.Equal(WindowsCapture.ClientMechListMic, NtlmSignature.ComputeFirst(WindowsCapture.SessionKey, flags, NtlmDirection.ClientToServer, mechTypes));
        Assert.Equal(WindowsCapture.ServerMechListMic, NtlmSignature.ComputeFirst(WindowsCapture.SessionKey, flags, NtlmDirection.ServerToClient, mechTypes));
    }

    [Fact]
    public void Reproduces_the_MIC_of_a_real_Windows_exchange()
    {
        var authenticate = WindowsCapture.AuthenticateMessage;
        authenticate.AsSpan(NtlmAuthenticateMessage.MicOffset, NtlmAuthenticateMessage.MicSize).Clear();
        byte[] covered = [.. WindowsCapture.NegotiateMessage, .. WindowsCapture.ChallengeMessage, .. authenticate];

        Assert.Equal(WindowsCapture.Mic, HMACMD5.HashData(WindowsCapture.SessionKey, covered));
    }

    private static byte[] Xor(byte[] a, byte[] b) => a.Zip(b, (x, y) => (byte)(x ^ y)).ToArray();
}
