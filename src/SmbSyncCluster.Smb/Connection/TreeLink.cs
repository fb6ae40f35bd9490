using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>The connection, session and tree that together serve one share; replaced whole on reconnect.</summary>
internal sealed class TreeLink(Smb2Connection connection, Smb2Session session, Smb2Tree tree) : IAsyncDisposable
{
    public Smb2Connection Connection { get; } = connection;
    public Smb2Session Session { get; } = session;
    public Smb2Tree Tree { get; } = tree;

    public bool IsAlive => Connection.IsAlive;

    /// <summary>True when requests on this tree go out unsigned and unencrypted, so WRITE data may come straight from a file.</summary>
    public bool SendsPlain => Context.Plain;

    private RequestContext Context => new(Session, Tree.TreeId, Tree.Encrypt);

    public static async Task<TreeLink> OpenAsync(SmbClientOptions options, string share, CancellationToken ct)
    {
        var connection = await Smb2Connection.ConnectAsync(options, ct);
        Smb2Session? session = null;
        try
        {
            session = await Smb2Session.SetupAsync(connection, options, ct);
            connection.Session = session;
            var tree = await Smb2Tree.ConnectAsync(connection, session, options, share, ct);
            await NegotiateValidation.ValidateAsync(connection, session, tree, ct);
            return new TreeLink(connection, session, tree);
        }
        catch
        {
            session?.Dispose();
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends requests on the tree; several are sent as one related compound chain.</summary>
    public Task<Smb2Message[]> SendAsync(CancellationToken ct, params Smb2Request[] requests) => SendAsync(ct, 0, requests);

    /// <summary>Sends with credits already reserved through <see cref="Smb2Connection.ReserveIoAsync"/>.</summary>
    public async Task<Smb2Message[]> SendAsync(CancellationToken ct, int reservedCharge, params Smb2Request[] requests)
    {
        var responses = await Connection.SendAsync(requests, Context with { Related = requests.Length > 1 }, ct, reservedCharge);
        // An expired session or a tree the server dropped cannot serve another call: retire the whole
        // link so that the next call reconnects, while this one fails with a transient error.
        if (responses.Any(r => r.Status is NtStatus.UserSessionDeleted or NtStatus.NetworkSessionExpired or NtStatus.NetworkNameDeleted))
        {
            Connection.Abort($"the server dropped the session or tree for share '{Tree.Share}'");
        }
        return responses;
    }

    public async ValueTask DisposeAsync()
    {
        if (Connection.IsAlive)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                var context = Context;
                foreach (var m in await Connection.SendAsync([new EmptyRequest(Smb2Command.TreeDisconnect)], context, timeout.Token))
                {
                    m.Dispose();
                }
                foreach (var m in await Connection.SendAsync([new EmptyRequest(Smb2Command.Logoff)], context with { TreeId = 0 }, timeout.Token))
                {
                    m.Dispose();
                }
            }
            catch (Exception e) when (e is SmbException or OperationCanceledException)
            {
                // Leaving politely is best effort; the socket closes either way.
            }
        }
        await Connection.DisposeAsync();
        Session.Dispose();
    }
}
