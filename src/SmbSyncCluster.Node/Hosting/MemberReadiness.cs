using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmbSyncCluster.Node.Hosting;

/// <summary>
/// Ready while this node is an Up (or WeaklyUp) cluster member, and only then: Akka.Hosting's own cluster readiness check
/// stays healthy once the node has joined, so a node leaving (SIGTERM, scale-down) or downed by the split brain resolver
/// would keep getting requests from the Service while its jobs move away.
/// </summary>
internal sealed class MemberReadiness(ActorSystem system) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = Akka.Cluster.Cluster.Get(system).SelfMember.Status;
        return Task.FromResult(status is MemberStatus.Up or MemberStatus.WeaklyUp
            ? HealthCheckResult.Healthy($"an {status} cluster member")
            : HealthCheckResult.Unhealthy($"this node is {status}, not an Up cluster member"));
    }
}
