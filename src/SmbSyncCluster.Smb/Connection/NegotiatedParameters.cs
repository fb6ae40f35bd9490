using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>What one NEGOTIATE settled for the life of the connection.</summary>
/// <param name="Offered">The request as sent, which VALIDATE_NEGOTIATE_INFO repeats.</param>
/// <param name="Response">The server's answer as received.</param>
/// <param name="Cipher">The cipher sessions encrypt with; <see cref="Smb2Cipher.None"/> when there is none.</param>
/// <param name="SigningAlgorithm">The algorithm sessions sign with.</param>
/// <param name="MaxReadSize">The largest READ to ask for, within the server's limit and ours.</param>
/// <param name="MaxWriteSize">The largest WRITE to send.</param>
/// <param name="MaxTransactSize">The largest output buffer to ask for, as in QUERY_DIRECTORY.</param>
/// <param name="Preauth">The pre-authentication hash after NEGOTIATE (3.1.1 only); sessions continue it.</param>
internal sealed record NegotiatedParameters(
    NegotiateRequest Offered,
    NegotiateResponse Response,
    Smb2Cipher Cipher,
    Smb2SigningAlgorithm SigningAlgorithm,
    int MaxReadSize,
    int MaxWriteSize,
    int MaxTransactSize,
    PreauthHash? Preauth)
{
    public Smb2Dialect Dialect => Response.Dialect;

    /// <summary>The largest legal frame: the biggest payload we will ask for, plus headers and a transform header.</summary>
    public required int MaxFrame { get; init; }

    /// <summary>2.0.2 has no credit charge: every request costs one credit and carries at most 64 KiB.</summary>
    public bool MultiCredit => Dialect >= Smb2Dialect.Smb210;
}
