using System.Security.Cryptography;
using System.Text;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// The node's API token, kept as its SHA-256 digest and compared with a guess in constant time, so that neither the
/// time to answer nor its dependence on the length tells a guess how close it came. Never logged.
/// </summary>
internal sealed class ApiToken(string token)
{
    private readonly byte[] _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>
    /// The key dashboard sessions are signed with: derived from the token, so every node of a deployment (which
    /// shares its token) accepts a session another node issued, and replacing the token ends every session.
    /// </summary>
    public byte[] SessionKey { get; } = HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "smbsync dashboard session"u8);

    /// <summary>Whether <paramref name="given"/> is the token (surrounding blanks ignored).</summary>
    public bool Matches(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given.Trim())), _digest);

    /// <summary>The token of <paramref name="token"/>, or null when the node has none.</summary>
    public static ApiToken? Of(string? token) => token is null ? null : new ApiToken(token);
}
