using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>A connected share: the tree id and whether its traffic must be encrypted ([MS-SMB2] 3.2.5.5).</summary>
internal sealed class Smb2Tree
{
    private Smb2Tree(string share, uint treeId, bool encrypt)
    {
        Share = share;
        TreeId = treeId;
        Encrypt = encrypt;
    }

    public string Share { get; }
    public uint TreeId { get; }
    public bool Encrypt { get; }

    public static async Task<Smb2Tree> ConnectAsync(
        Smb2Connection connection, Smb2Session session, SmbClientOptions options, string share, CancellationToken ct)
    {
        var encrypt = session.EncryptData || options.RequireEncryption;
        // SMB 3.1.1 servers refuse an unsigned TREE_CONNECT from an authenticated user ([MS-SMB2] 3.3.5.7).
        var request = new TreeConnectRequest($@"\\{options.Host}\{share}");
        using var response = (await connection.SendAsync([request], new RequestContext(session, Encrypt: encrypt, ForceSign: connection.Dialect == Smb2Dialect.Smb311), ct))[0]
            .EnsureSuccess($"connect to share '{share}' on {connection.Endpoint}");
        var parsed = TreeConnectResponse.Parse(response.Span);
        if (parsed.EncryptData && session.Cryptor is null)
        {
            throw new SmbStatusException(NtStatus.AccessDenied,
                $"share '{share}' requires encryption, which this session ({connection.Dialect}) cannot do");
        }
        return new Smb2Tree(share, response.Header.TreeId, encrypt || parsed.EncryptData);
    }
}
