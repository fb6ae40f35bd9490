using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Tests.Integration;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Fuzz;

/// <summary>
/// Records, once per test run, what a real smbd answers to <see cref="FuzzWorkload"/>: unsigned, with
/// signing mandatory, and under SMB 3.1.1 (negotiate contexts). Recording at test time keeps the corpus in step with both the client (a changed
/// request sequence would leave a stored corpus answering the wrong requests) and the installed Samba.
/// </summary>
public sealed class RecordedConversations : IAsyncLifetime
{
    private static readonly TimeSpan RecordingTimeout = TimeSpan.FromSeconds(30);
    private readonly List<SambaServer> _servers = [];

    internal IReadOnlyList<Conversation> All { get; private set; } = [];

    public async Task InitializeAsync() =>
        All =
        [
            await RecordAsync("unsigned", SambaOptions.Default, requireSigning: false),
            await RecordAsync("signed", SambaOptions.SigningMandatory, requireSigning: true),
            await RecordAsync("smb311", SambaOptions.Default, requireSigning: false, Smb2Dialect.Smb311),
        ];

    private async Task<Conversation> RecordAsync(string name, SambaOptions samba, bool requireSigning, Smb2Dialect dialect = Smb2Dialect.Smb302)
    {
        var server = await SambaServer.StartAsync(samba);
        _servers.Add(server);
        FuzzWorkload.Populate(server.SharePath());
        using var proxy = new TamperingProxy(server.Port);
        var options = FuzzWorkload.Options(proxy.Port, requireSigning, RecordingTimeout, dialect);
        SessionKeyRecorder? logon = null;
        var outcome = await FuzzWorkload.RunAsync(options with
        {
            AuthenticatorFactory = c => logon = new SessionKeyRecorder(options.AuthenticatorFactory!(c)),
        });
        // The server's answers to the last requests (TREE_DISCONNECT, LOGOFF) may still be on their way.
        await Task.Delay(200);
        return new Conversation(name, options, proxy.ServerFrames, outcome, logon!.Recorded);
    }

    /// <summary>Keeps the session key the client derived its keys from, to sign mutated frames with later.</summary>
    private sealed class SessionKeyRecorder(ISmbAuthenticator inner) : ISmbAuthenticator
    {
        private byte[]? _key;

        public byte[] Recorded => _key ?? throw new InvalidOperationException("the logon never completed");

        public bool IsComplete => inner.IsComplete;

        public byte[] SessionKey => _key ??= inner.SessionKey;

        public byte[] Step(ReadOnlySpan<byte> serverToken) => inner.Step(serverToken);

        public void Complete(ReadOnlySpan<byte> finalServerToken, bool admittedAsGuest) => inner.Complete(finalServerToken, admittedAsGuest);

        public void Dispose() => inner.Dispose();
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}
