using System.Security.Cryptography;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// The NEGOTIATE exchange ([MS-SMB2] 3.2.4.2.2, 3.2.5.2): what this client offers, and what it accepts
/// of the server's answer. Only what was offered can be used: anything else is a broken or forged
/// answer, not a fallback. No I/O here, so every rule can be checked on a parsed response alone.
/// </summary>
internal static class Negotiation
{
    private const uint CapabilityLargeMtu = 0x00000004;
    private const uint CapabilityEncryption = 0x00000040;
    private const ushort SigningEnabled = 0x0001;
    private const ushort SigningRequired = 0x0002;

    /// <summary>Without LARGE_MTU (or on 2.0.2) no request may carry more than this ([MS-SMB2] 3.2.4.1.5).</summary>
    private const int SmallIoLimit = 64 * 1024;

    /// <summary>Headers, a READ/WRITE body and a transform header on top of the largest payload.</summary>
    private const int FrameOverhead = 64 * 1024;

    private static readonly Smb2SigningAlgorithm[] OfferedSigningAlgorithms =
        [Smb2SigningAlgorithm.AesGmac, Smb2SigningAlgorithm.AesCmac, Smb2SigningAlgorithm.HmacSha256];

    /// <summary>The NEGOTIATE request for <paramref name="options"/>, with a fresh client GUID and salt.</summary>
    public static NegotiateRequest Offer(SmbClientOptions options) => new()
    {
        Dialects = options.Dialects,
        SecurityMode = options.RequireSigning ? (ushort)(SigningEnabled | SigningRequired) : SigningEnabled,
        Capabilities = CapabilityLargeMtu | CapabilityEncryption,
        ClientGuid = Guid.NewGuid(),
        PreauthSalt = RandomNumberGenerator.GetBytes(32),
        Ciphers = options.Ciphers,
        SigningAlgorithms = OfferedSigningAlgorithms,
    };

    /// <summary>
    /// Checks the NEGOTIATE response against <paramref name="offered"/> and derives what the connection
    /// uses from then on. <paramref name="preauth"/> already holds the request; on 3.1.1 the response
    /// is added and the hash handed on to session setup.
    /// </summary>
    public static NegotiatedParameters Accept(
        SmbClientOptions options, NegotiateRequest offered, ReadOnlySpan<byte> responseMessage, PreauthHash preauth)
    {
        var response = NegotiateResponse.Parse(responseMessage);
        if (!offered.Dialects.Contains(response.Dialect))
        {
            throw new SmbProtocolException($"server chose dialect {response.Dialect}, which was not offered");
        }
        var cipher = Smb2Cipher.None;
        Smb2SigningAlgorithm signing;
        PreauthHash? continued = null;
        if (response.Dialect == Smb2Dialect.Smb311)
        {
            if (response.Cipher != Smb2Cipher.None && !offered.Ciphers.Contains(response.Cipher))
            {
                throw new SmbProtocolException($"server chose cipher 0x{(ushort)response.Cipher:X4}, which was not offered");
            }
            if (response.SigningAlgorithm is { } algorithm && !offered.SigningAlgorithms.Contains(algorithm))
            {
                throw new SmbProtocolException($"server chose signing algorithm 0x{(ushort)algorithm:X4}, which was not offered");
            }
            preauth.Update(responseMessage);
            continued = preauth;
            cipher = response.Cipher;
            signing = response.SigningAlgorithm ?? Smb2SigningAlgorithm.AesCmac;
        }
        else if (response.Dialect >= Smb2Dialect.Smb300)
        {
            cipher = (response.Capabilities & CapabilityEncryption) != 0 ? Smb2Cipher.Aes128Ccm : Smb2Cipher.None;
            signing = Smb2SigningAlgorithm.AesCmac;
        }
        else
        {
            signing = Smb2SigningAlgorithm.HmacSha256;
        }
        var largeMtu = response.Dialect >= Smb2Dialect.Smb210 && (response.Capabilities & CapabilityLargeMtu) != 0;
        int Clamp(uint serverMax) =>
            (int)Math.Max(4096, Math.Min(serverMax, largeMtu ? (uint)options.MaxIoSize : SmallIoLimit));
        var maxRead = Clamp(response.MaxReadSize);
        var maxWrite = Clamp(response.MaxWriteSize);
        var maxTransact = Clamp(response.MaxTransactSize);
        return new NegotiatedParameters(offered, response, cipher, signing, maxRead, maxWrite, maxTransact, continued)
        {
            MaxFrame = Math.Max(Math.Max(maxRead, maxWrite), maxTransact) + FrameOverhead,
        };
    }

    /// <summary>True when the server's security mode demands signed traffic.</summary>
    public static bool RequiresSigning(NegotiateResponse response) => (response.SecurityMode & SigningRequired) != 0;
}
