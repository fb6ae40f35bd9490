using System.Buffers.Binary;
using System.Security.Cryptography;
using SmbSyncCluster.Smb.Auth.Ntlm;
using SmbSyncCluster.Smb.Crypto;

namespace SmbSyncCluster.Smb.Tests.Auth;

/// <summary>
/// The server half of NTLMv2 ([MS-NLMP] 3.2.5.1.2), just enough to check what the client sends: it
/// recomputes NTProofStr from the blob the client sent, recovers the exported session key and checks
/// the MIC.
/// </summary>
internal static class NtlmTestServer
{
    public static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> authenticate, int fieldOffset)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(authenticate[fieldOffset..]);
        var offset = BinaryPrimitives.ReadInt32LittleEndian(authenticate[(fieldOffset + 4)..]);
        return authenticate.Slice(offset, length);
    }

    public static NtlmNegotiateFlags Flags(ReadOnlySpan<byte> authenticate) =>
        (NtlmNegotiateFlags)BinaryPrimitives.ReadUInt32LittleEndian(authenticate[60..]);

    /// <summary>Verifies the NTLMv2 response and returns the exported session key the client chose.</summary>
    public static byte[] Verify(byte[] negotiate, byte[] challenge, byte[] authenticate, string user, string domain, string password)
    {
        var serverChallenge = challenge.AsSpan(24, 8);
        var nt = Field(authenticate, 20);
        var responseKey = NtlmV2.NtOwfV2(password, user, domain);
        var proof = NtlmV2.NtProofStr(responseKey, serverChallenge, nt[16..]);
        Assert.Equal(proof, nt[..16].ToArray());

        var keyExchangeKey = NtlmV2.SessionBaseKey(responseKey, proof);
        var exported = Flags(authenticate).HasFlag(NtlmNegotiateFlags.KeyExchange)
            ? Rc4.Transform(keyExchangeKey, Field(authenticate, 52))
            : keyExchangeKey;

        var blobPairs = AvPairList.Parse(nt[(16 + 28)..]);
        var micFlags = blobPairs.Where(p => p.Id == AvPairId.Flags).Select(p => BinaryPrimitives.ReadUInt32LittleEndian(p.Value)).FirstOrDefault();
        if ((micFlags & AvPairList.MicPresentFlag) != 0)
        {
            var zeroed = authenticate.ToArray();
            zeroed.AsSpan(NtlmAuthenticateMessage.MicOffset, NtlmAuthenticateMessage.MicSize).Clear();
            byte[] covered = [.. negotiate, .. challenge, .. zeroed];
            var mic = HMACMD5.HashData(exported, covered);
            Assert.Equal(mic, authenticate[NtlmAuthenticateMessage.MicOffset..(NtlmAuthenticateMessage.MicOffset + NtlmAuthenticateMessage.MicSize)]);
        }
        return exported;
    }
}
