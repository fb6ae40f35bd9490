using System.Net;
using System.Text.Json;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// Two node processes started with <c>--discovery kubernetes</c> form one cluster through Akka.Management's bootstrap and
/// the seed-nodes route on their management ports. The Kubernetes API lookup is the one part replaced: a <c>--config</c>
/// file points the bootstrap at Akka's config discovery listing both management ports. Remoting is mutual TLS, as the
/// deployment runs it.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterBootstrapTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Nodes_found_by_discovery_form_one_cluster_and_their_management_port_serves_only_the_bootstrap()
    {
        var root = Directory.CreateTempSubdirectory("smbsync-bootstrap-").FullName;
        using var authority = TestAuthority.Create("smbsync bootstrap CA");
        var management = new[] { FreePort.Next(), FreePort.Next() };
        var config = Path.Combine(root, "discovery.conf");
        await File.WriteAllTextAsync(config, $$"""
            akka.management.cluster.bootstrap.contact-point-discovery.discovery-method = config
            akka.discovery.config.services.smbsync.endpoints = ["127.0.0.1:{{management[0]}}", "127.0.0.1:{{management[1]}}"]
            """);
        string[] Args(int i) =>
        [
            "--discovery", "kubernetes", "--management-port", $"{management[i]}", "--config", config,
            "--db", $"postgresql://postgres@127.0.0.1:{postgres.Server.Port}/{postgres.Database}", .. authority.Issue($"node{i}").NodeArguments,
        ];
        await using var first = NodeProcess.Start(CliProcess.Executable, Path.Combine(root, "a"), Args(0));
        await using var second = NodeProcess.Start(CliProcess.Executable, Path.Combine(root, "b"), Args(1));

        await Task.WhenAll(first.WaitReadyAsync(TimeSpan.FromSeconds(90)), second.WaitReadyAsync(TimeSpan.FromSeconds(90)));

        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management[0]}") };
        var seedNodes = JsonDocument.Parse(await probe.GetStringAsync("/bootstrap/seed-nodes")).RootElement;
        Assert.Equal(
            new[] { (first.Port, "akka.ssl.tcp"), (second.Port, "akka.ssl.tcp") }.Order(),
            seedNodes.GetProperty("Nodes").EnumerateArray().Select(n => (n.GetProperty("Node").GetProperty("Port").GetInt32(), n.GetProperty("Node").GetProperty("Protocol").GetString()!)).Order());
        Assert.Contains("smbsync_cluster_members{status=\"up\"} 2", await first.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
        foreach (var path in new[] { "/api/jobs", "/health/ready", "/metrics" })
        {
            using var response = await probe.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
