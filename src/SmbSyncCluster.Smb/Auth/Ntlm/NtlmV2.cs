using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SmbSyncCluster.Smb.Crypto;

namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>The NTLMv2 response computations of [MS-NLMP] 3.3.2.</summary>
internal static class NtlmV2
{
    public const int ChallengeSize = 8;

    /// <summary>Size of NTProofStr, which leads the NT response.</summary>
    public const int ProofSize = 16;

    /// <summary>NTOWFv2 = HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(Uppercase(User) || UserDom)); also ResponseKeyLM.</summary>
    public static byte[] NtOwfV2(string password, string userName, string domain)
    {
        var ntHash = Md4.Hash(Encoding.Unicode.GetBytes(password));
        try
        {
            return HMACMD5.HashData(ntHash, Encoding.Unicode.GetBytes(userName.ToUpperInvariant() + domain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ntHash);
        }
    }

    /// <summary>
    /// The "temp" blob (NTLMv2_CLIENT_CHALLENGE): Responserversion 1, HiResponserversion 1, Z(6), Time,
    /// ClientChallenge, Z(4), ServerName (the AV pair list), Z(4). The trailing Z(4) is in the 3.3.2
    /// pseudocode and in the 4.2.4 test vectors, though not in the 2.2.2.7 structure.
    /// </summary>
    public static byte[] ClientBlob(long fileTime, ReadOnlySpan<byte> clientChallenge, ReadOnlySpan<byte> serverName)
    {
        var blob = new byte[28 + serverName.Length + 4];
        blob[0] = 1;
        blob[1] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(blob.AsSpan(8), fileTime);
        clientChallenge.CopyTo(blob.AsSpan(16));
        serverName.CopyTo(blob.AsSpan(28));
        return blob;
    }

    /// <summary>NTProofStr = HMAC_MD5(ResponseKeyNT, ServerChallenge || temp).</summary>
    public static byte[] NtProofStr(ReadOnlySpan<byte> responseKeyNt, ReadOnlySpan<byte> serverChallenge, ReadOnlySpan<byte> clientBlob)
    {
        var input = new byte[serverChallenge.Length + clientBlob.Length];
        serverChallenge.CopyTo(input);
        clientBlob.CopyTo(input.AsSpan(serverChallenge.Length));
        return HMACMD5.HashData(responseKeyNt, input);
    }

    /// <summary>LMv2 response = HMAC_MD5(ResponseKeyLM, ServerChallenge || ClientChallenge) || ClientChallenge.</summary>
    public static byte[] LmV2Response(ReadOnlySpan<byte> responseKeyLm, ReadOnlySpan<byte> serverChallenge, ReadOnlySpan<byte> clientChallenge)
    {
        Span<byte> challenges = stackalloc byte[2 * ChallengeSize];
        serverChallenge.CopyTo(challenges);
        clientChallenge.CopyTo(challenges[ChallengeSize..]);
        var response = new byte[HMACMD5.HashSizeInBytes + ChallengeSize];
        HMACMD5.HashData(responseKeyLm, challenges, response);
        clientChallenge.CopyTo(response.AsSpan(HMACMD5.HashSizeInBytes));
        return response;
    }

    /// <summary>SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr); for NTLMv2 it is also the KeyExchangeKey (3.4.5.1).</summary>
    public static byte[] SessionBaseKey(ReadOnlySpan<byte> responseKeyNt, ReadOnlySpan<byte> ntProofStr) =>
        HMACMD5.HashData(responseKeyNt, ntProofStr);
}
