using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Management.Cluster.Bootstrap.ContactPoint;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// The management port's one route, <c>GET /bootstrap/seed-nodes</c>: what Akka.Management's cluster bootstrap asks
/// each pod it discovered. Served by Kestrel rather than Akka.Management's own HTTP server, which cannot start with the
/// Ceen.Httpd this registry serves (Akka.Http.Shim 1.5.73 calls a ListenAsync that 0.9.10 no longer has). The answer is
/// the one <see cref="HttpClusterBootstrapRoutes"/> gives, written with the library's own types and serializer, which
/// its probes read back.
/// </summary>
internal static class SeedNodesRoute
{
    public const string Path = "/bootstrap/seed-nodes";

    public static async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != Path)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var cluster = Akka.Cluster.Cluster.Get(context.RequestServices.GetRequiredService<ActorSystem>());
        var state = cluster.State;
        // Not a member yet (Removed is the status before joining) or on its way out: no one to join through.
        var members = cluster.SelfMember.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed
            ? []
            : state.Members
                .Where(m => !state.Unreachable.Contains(m) && m.Status is MemberStatus.Joining or MemberStatus.Up or MemberStatus.WeaklyUp)
                .Select(m => new HttpBootstrapJsonProtocol.ClusterMember(m.UniqueAddress.Address, m.UniqueAddress.Uid, m.Status, m.Roles))
                .ToImmutableList();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonConvert.SerializeObject(new HttpBootstrapJsonProtocol.SeedNodes(cluster.SelfAddress, members)));
    }
}
