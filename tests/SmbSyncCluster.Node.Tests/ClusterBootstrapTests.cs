using System.Net;
using System.Text.Json;
using SmbSyncCluster.Node.Hosting;
using SmbSyncCluster.Node.Tests.Deployment;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// Two node processes started as the deployment starts its pods (<c>--discovery kubernetes</c>, the manifests' selector)
/// form one cluster through Akka.Management's bootstrap and the seed-nodes route on their management ports, having found
/// each other through a Kubernetes API server (<see cref="FakeKubernetesApi"/>: HTTPS, the service account's token and
/// namespace, a PodList for the manifests' selector). Remoting is mutual TLS, as the deployment runs it.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterBootstrapTests(PostgresFixture postgres, RenderedManifests manifests) : IClassFixture<PostgresFixture>, IClassFixture<RenderedManifests>
{
    [Fact]
    public async Task Nodes_found_through_the_kubernetes_api_form_one_cluster_and_their_management_port_serves_only_the_bootstrap()
    {
        var root = Directory.CreateTempSubdirectory("smbsync-bootstrap-").FullName;
        using var authority = TestAuthority.Create("smbsync bootstrap CA");
        using var kubernetesCa = TestAuthority.Create("kubernetes CA");
        var management = new[] { FreePort.Next(), FreePort.Next() };
        var env = RenderedManifests.Array(manifests.Container, "env").Where(e => e.TryGetProperty("value", out _))
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString()!);
        var selector = env["SMBSYNC_DISCOVERY_SELECTOR"];
        var ns = RenderedManifests.Name(Assert.Single(manifests.OfKind("Namespace")))!;
        await using var api = await FakeKubernetesApi.StartAsync(kubernetesCa, ns, selector, manifests.PodLabels, KubernetesDiscovery.ManagementPortName, management);
        var config = Path.Combine(root, "discovery.conf");
        await File.WriteAllTextAsync(config, api.DiscoveryHocon);
        string[] Args(int i) =>
        [
            "--discovery", env["SMBSYNC_DISCOVERY"], "--discovery-selector", selector, "--management-port", $"{management[i]}", "--config", config,
            "--db", $"postgresql://postgres@127.0.0.1:{postgres.Server.Port}/{postgres.Database}", .. authority.Issue($"node{i}").NodeArguments,
        ];
        var environment = api.Environment(kubernetesCa.CaFile);
        await using var first = NodeProcess.Start(CliProcess.Executable, Path.Combine(root, "a"), Args(0), environment);
        await using var second = NodeProcess.Start(CliProcess.Executable, Path.Combine(root, "b"), Args(1), environment);

        await Task.WhenAll(first.WaitReadyAsync(TimeSpan.FromSeconds(90)), second.WaitReadyAsync(TimeSpan.FromSeconds(90)));

        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management[0]}") };
        var seedNodes = JsonDocument.Parse(await probe.GetStringAsync("/bootstrap/seed-nodes")).RootElement;
        Assert.Equal(
            new[] { (first.Port, "akka.ssl.tcp"), (second.Port, "akka.ssl.tcp") }.Order(),
            seedNodes.GetProperty("Nodes").EnumerateArray().Select(n => (n.GetProperty("Node").GetProperty("Port").GetInt32(), n.GetProperty("Node").GetProperty("Protocol").GetString()!)).Order());
        Assert.Contains("smbsync_cluster_members{status=\"up\"} 2", await first.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
        Assert.Contains(api.Requests, r => r.Authorized && r.Target.StartsWith($"/api/v1/namespaces/{ns}/pods?", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Requests, r => !r.Authorized);
        foreach (var path in new[] { "/api/jobs", "/health/ready", "/metrics" })
        {
            using var response = await probe.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
