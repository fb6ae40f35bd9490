using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// A Samba share and one <c>smbsync node</c> process (SQLite journal, no token, loopback, TLS on remoting with a
/// certificate of <see cref="Authority"/>) for a test class. The node knows the share's password as its default
/// credential and as the named credential <c>team</c> (a file in its credentials directory, as a mounted Secret would be).
/// </summary>
public sealed class SingleNodeFixture : IAsyncLifetime
{
    private NodeProcess? _node;
    private SambaServer? _samba;

    internal NodeProcess Node => _node ?? throw new InvalidOperationException("the node has not started");

    public SambaServer Samba => _samba ?? throw new InvalidOperationException("Samba has not started");

    /// <summary>The node's credentials directory, read at every lookup: a test may add credentials and host lists.</summary>
    public string CredentialsDirectory { get; private set; } = "";

    /// <summary>The authority of the node's remoting certificate: a remote client needs a certificate it issued.</summary>
    public TestAuthority Authority { get; } = TestAuthority.Create("smbsync single node CA");

    public async Task InitializeAsync()
    {
        _samba = await SambaServer.StartAsync();
        var data = Directory.CreateTempSubdirectory("smbsync-node-").FullName;
        var credentials = CredentialsDirectory = Directory.CreateDirectory(Path.Combine(data, "credentials")).FullName;
        await File.WriteAllTextAsync(Path.Combine(credentials, "team"), SambaServer.Password + "\n");
        _node = NodeProcess.Start(CliProcess.Executable, data, ["--credentials-dir", credentials, .. Authority.Issue("node").NodeArguments],
            new Dictionary<string, string> { ["SMBSYNC_PASSWORD"] = SambaServer.Password });
        await _node.WaitReadyAsync();
    }

    /// <summary>A fresh local directory and a directory on the share (its disk path and its URL, no password).</summary>
    public (string Local, string RemoteDisk, string Url) NewPair()
    {
        var name = "node-" + Guid.NewGuid().ToString("N")[..8];
        var disk = Path.Combine(Samba.SharePath(), name);
        Directory.CreateDirectory(disk);
        return (Directory.CreateTempSubdirectory("smbsync-local-").FullName, disk,
            $"smb://{SambaServer.UserName}@127.0.0.1:{Samba.Port}/{SambaServer.ShareName}/{name}");
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
        if (_samba is not null)
        {
            await _samba.DisposeAsync();
        }
        Authority.Dispose();
    }
}
