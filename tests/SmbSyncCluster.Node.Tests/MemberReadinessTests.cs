using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmbSyncCluster.Node.Hosting;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>The node's readiness follows its membership: ready once Up, not ready again as soon as it leaves.</summary>
public sealed class MemberReadinessTests : IAsyncLifetime
{
    private ActorSystem? _system;

    private ActorSystem System => _system ?? throw new InvalidOperationException("not started");

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("readiness", ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = {{FreePort.Next()}} }
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            """));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_node_is_ready_while_up_and_not_once_it_leaves()
    {
        var readiness = new MemberReadiness(System);
        var cluster = Akka.Cluster.Cluster.Get(System);

        var beforeJoining = await readiness.CheckHealthAsync(new HealthCheckContext());
        await cluster.JoinAsync(cluster.SelfAddress);
        var up = await readiness.CheckHealthAsync(new HealthCheckContext());
        await cluster.LeaveAsync();
        var left = await readiness.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, beforeJoining.Status);
        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.Equal(HealthStatus.Unhealthy, left.Status);
        Assert.Contains("not an Up cluster member", left.Description, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await System.Terminate();
}
