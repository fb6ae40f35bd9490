using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SmbSyncCluster.Node.Http;

/// <summary><c>GET /api/cluster</c>: the members this node sees, their status, and which one it is; a job's <c>node</c> names its member.</summary>
internal static class ClusterRoutes
{
    /// <summary>Maps the route.</summary>
    public static void MapClusterRoutes(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cluster", (ActorSystem system) => Results.Ok(ClusterView.Of(Akka.Cluster.Cluster.Get(system))))
            .WithTags("cluster").Produces<ClusterView>();
}
