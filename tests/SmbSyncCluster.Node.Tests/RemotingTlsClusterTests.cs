using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// Three <c>smbsync node</c> processes on loopback with mutual TLS on remoting (certificates of one test authority),
/// sharing a PostgreSQL journal and a Samba share, formed once for the class.
/// </summary>
public sealed class TlsClusterFixture : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();
    private readonly SambaFixture _samba = new();
    private readonly List<NodeProcess> _nodes = [];

    public TestAuthority Authority { get; } = TestAuthority.Create("smbsync test cluster CA");

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public SambaServer Samba => _samba.Server;

    /// <summary>The journal URL, for a node that tries to join.</summary>
    public string Db => $"postgresql://postgres@127.0.0.1:{_postgres.Server.Port}/{_postgres.Database}";

    /// <summary>The options that point a node at the cluster's seeds.</summary>
    public IReadOnlyList<string> SeedArguments => ["--seed", $"127.0.0.1:{_nodes[0].Port}", "--seed", $"127.0.0.1:{_nodes[1].Port}", "--db", Db];

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_postgres.InitializeAsync(), _samba.InitializeAsync());
        var ports = new[] { FreePort.Next(), FreePort.Next(), FreePort.Next() };
        var root = Directory.CreateTempSubdirectory("smbsync-tls-").FullName;
        for (var i = 0; i < ports.Length; i++)
        {
            string[] args = ["--seed", $"127.0.0.1:{ports[0]}", "--seed", $"127.0.0.1:{ports[1]}", "--db", Db, .. Authority.Issue($"node{i}").NodeArguments];
            _nodes.Add(NodeProcess.Start(CliProcess.Executable, Path.Combine(root, $"node{i}"), args,
                new Dictionary<string, string> { ["SMBSYNC_PASSWORD"] = SambaServer.Password }, ports[i]));
        }
        await Task.WhenAll(_nodes.Select(n => n.WaitReadyAsync(TimeSpan.FromSeconds(90))));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await _nodes[0].MembersUpAsync() != 3)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the three TLS nodes did not form one cluster:\n" + string.Join("\n", _nodes.Select(n => n.Log)));
            }
            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        Authority.Dispose();
        await _samba.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

/// <summary>
/// Remoting with mutual TLS against real node processes: members and clients holding a certificate of the cluster's
/// authority get through; a client or node without one (plain TCP, a self-signed certificate, another authority's)
/// can neither send a job command nor join.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class RemotingTlsClusterTests(TlsClusterFixture cluster) : IClassFixture<TlsClusterFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private IEnumerable<string> Contacts => cluster.Nodes.Select(n => n.Address);

    [Fact]
    public async Task A_client_with_a_certificate_of_the_authority_runs_a_job_on_the_tls_cluster()
    {
        var name = "tls-" + Guid.NewGuid().ToString("N")[..8];
        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        File.WriteAllText(Path.Combine(local, "a.txt"), "over mutual TLS");
        var disk = Directory.CreateDirectory(Path.Combine(cluster.Samba.SharePath(), name)).FullName;
        var url = $"smb://{SambaServer.UserName}@127.0.0.1:{cluster.Samba.Port}/{SambaServer.ShareName}/{name}";
        var files = cluster.Authority.Issue("billing");
        var tls = RemotingTls.Load(files.Certificate, files.Key, files.Ca);
        await using var client = JobsRemoteClient.Connect(Contacts, tls.Setup);

        var created = await client.SendAsync(new DefineJob(new JobSpec { Id = name, LocalPath = local, Remote = url, Mode = SyncMode.Upload }, DefineIntent.Create), Timeout);
        var started = await client.SendAsync(new StartRun(name, "r-tls", DateTimeOffset.UtcNow, DryRun: false), Timeout);
        JobView view;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        do
        {
            await Task.Delay(200);
            view = (JobView)await client.SendAsync(new GetJob(name), Timeout);
        }
        while ((view.LastRun?.RunId != "r-tls" || view.Status == JobStatus.Running) && DateTime.UtcNow < deadline);

        Assert.All(cluster.Nodes, n => Assert.StartsWith("akka.ssl.tcp://", n.Address, StringComparison.Ordinal));
        Assert.Equal(3, await cluster.Nodes[2].MembersUpAsync());
        Assert.IsType<CommandAccepted>(created);
        Assert.IsType<CommandAccepted>(started);
        Assert.Equal((RunOutcome.Completed, 1), (view.LastRun?.Outcome, view.LastRun?.Uploaded ?? 0));
        Assert.Contains(cluster.Nodes, n => n.Address == view.Node);
        Assert.Equal("over mutual TLS", File.ReadAllText(Path.Combine(disk, "a.txt")));
    }

    [Theory]
    [InlineData("plain TCP")]
    [InlineData("self-signed")]
    [InlineData("another authority")]
    public async Task A_client_without_a_certificate_of_the_authority_gets_no_command_through(string intruder)
    {
        var name = "intruder-" + Guid.NewGuid().ToString("N")[..8];
        using var other = TestAuthority.Create("smbsync test cluster CA"); // the same name: only the key tells them apart
        await using var client = JobsRemoteClient.Connect(Contacts, intruder switch
        {
            "plain TCP" => null,
            "self-signed" => IntruderSetup(other.SelfSigned(name)),
            _ => IntruderSetup(other.Issue(name)),
        });

        var sent = await Record.ExceptionAsync(() => client.SendAsync(
            new DefineJob(new JobSpec { Id = name, LocalPath = "/tmp", Remote = "smb://u@127.0.0.1/s/x", Mode = SyncMode.Upload }, DefineIntent.Create), TimeSpan.FromSeconds(10)));

        Assert.IsType<AskTimeoutException>(sent);
        using var lookup = await cluster.Nodes[0].Http.GetAsync($"/api/jobs/{name}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, lookup.StatusCode);
        if (intruder != "plain TCP")
        {
            // Refused by the nodes themselves, not given up by the client.
            Assert.Contains(cluster.Nodes, n => n.Log.Contains($"(CN={name})", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_node_with_a_certificate_of_another_authority_cannot_join()
    {
        using var other = TestAuthority.Create("smbsync test cluster CA");
        var name = "intruder-" + Guid.NewGuid().ToString("N")[..8];
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.cluster.seed-nodes = [{{string.Join(", ", cluster.Nodes.Take(2).Select(n => $"\"{n.Address}\""))}}]
            """).WithFallback(RemotingTls.Config);
        using var intruder = ActorSystem.Create("smbsync", BootstrapSetup.Create().WithConfig(config).And(IntruderSetup(other.Issue(name))));
        var joined = new TaskCompletionSource();
        Akka.Cluster.Cluster.Get(intruder).RegisterOnMemberUp(() => joined.TrySetResult());

        var finished = await Task.WhenAny(joined.Task, Task.Delay(TimeSpan.FromSeconds(15)));

        Assert.NotSame(joined.Task, finished);
        Assert.Equal(3, await cluster.Nodes[0].MembersUpAsync());
        Assert.Contains(cluster.Nodes, n => n.Log.Contains($"(CN={name})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plain_bytes_get_no_answer_from_a_tls_node()
    {
        // A deployment's HOCON cannot turn TLS off either: the node refuses such a file (NodeConfigurationTests).
        var root = Directory.CreateTempSubdirectory("smbsync-tls-plain-").FullName;
        await using var node = NodeProcess.Start(CliProcess.Executable, Path.Combine(root, "data"), [.. cluster.Authority.Issue("lone").NodeArguments]);
        await node.WaitReadyAsync();

        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync("127.0.0.1", node.Port);
        var stream = socket.GetStream();
        // A length-prefixed frame, as Akka's plain TCP transport speaks it.
        byte[] frame = [0, 0, 0, 16, .. Enumerable.Repeat((byte)'A', 16)];
        await stream.WriteAsync(frame);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var answered = await stream.ReadAsync(new byte[256], wait.Token);

        Assert.Contains($"listening on addresses : [akka.ssl.tcp://smbsync@127.0.0.1:{node.Port}]", node.Log, StringComparison.Ordinal);
        Assert.Equal(0, answered); // closed without a byte of Akka's protocol
    }

    /// <summary>What an intruder sets up: its certificate, and any server's certificate taken without a look.</summary>
    private static DotNettySslSetup IntruderSetup(CertificateFiles files)
    {
        using var pem = X509Certificate2.CreateFromPemFile(files.Certificate, files.Key);
        return new DotNettySslSetup(X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null), suppressValidation: true, requireMutualAuthentication: true);
    }
}
