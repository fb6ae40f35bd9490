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
        var up = await SettledAsync(readiness, HealthStatus.Healthy);
        await cluster.LeaveAsync();
        var left = await SettledAsync(readiness, HealthStatus.Unhealthy);

        Assert.Equal(HealthStatus.Unhealthy, beforeJoining.Status);
        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.Equal(HealthStatus.Unhealthy, left.Status);
        Assert.Contains("not an Up cluster member", left.Description, StringComparison.Ordinal);
    }

    /// <summary>
    /// The check's answer once it says <paramref name="expected"/>, or its last within 10 s: the node's own view of its
    /// membership (read by the check) follows the cluster's events, a moment after a join or leave completes.
    /// </summary>
    private static async Task<HealthCheckResult> SettledAsync(MemberReadiness readiness, HealthStatus expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var result = await readiness.CheckHealthAsync(new HealthCheckContext());
            if (result.Status == expected || DateTime.UtcNow > deadline)
            {
                return result;
            }
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync() => await System.Terminate();
}
