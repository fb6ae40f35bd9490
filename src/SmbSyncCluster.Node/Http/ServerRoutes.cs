using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmbSyncCluster.Cluster.Limits;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// The per-server transfer limits, cluster-wide (<see cref="ServerGate"/>): <c>GET /api/servers</c> lists the
/// servers with a limit set or transfers running or waiting; <c>GET /api/servers/{host}/limits</c> shows one (the
/// default for a server never set); <c>PUT /api/servers/{host}/limits</c> with <c>{"maxTransfers": N}</c> sets it.
/// </summary>
internal static class ServerRoutes
{
    /// <summary>The highest limit taken: a server asked for more transfers at once than this is not being protected.</summary>
    public const int MaxTransfers = 1000;

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    /// <summary>A PUT's body.</summary>
    public sealed record ServerLimitRequest(int? MaxTransfers);

    /// <summary>Maps the routes under /api/servers.</summary>
    public static void MapServerRoutes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/servers").WithTags("servers");
        api.MapGet("/", ListAsync).Produces<ServerLimitView[]>();
        api.MapGet("/{host}/limits", GetAsync).Produces<ServerLimitView>().ProducesValidationProblem();
        api.MapPut("/{host}/limits", SetAsync).Accepts<ServerLimitRequest>("application/json").Produces<ServerLimitView>().ProducesValidationProblem();
    }

    private static async Task<IResult> ListAsync(IRequiredActor<ServerGate> gate) =>
        Results.Ok((await gate.ActorRef.Ask<ServerLimitList>(new GetServerLimits(), AskTimeout)).Servers);

    private static async Task<IResult> GetAsync(string host, IRequiredActor<ServerGate> gate)
    {
        if (HostProblem(host) is { } problem)
        {
            return problem;
        }
        var list = await gate.ActorRef.Ask<ServerLimitList>(new GetServerLimits(host), AskTimeout);
        return Results.Ok(list.Servers.FirstOrDefault() ?? new ServerLimitView(ServerGate.Key(host), ServerGate.DefaultLimit, IsDefault: true, 0, 0));
    }

    private static async Task<IResult> SetAsync(string host, ServerLimitRequest? request, IRequiredActor<ServerGate> gate)
    {
        if (HostProblem(host) is { } problem)
        {
            return problem;
        }
        if (request?.MaxTransfers is not { } limit || limit is < 1 or > MaxTransfers)
        {
            return Problems.Invalid([new JobSpecError("maxTransfers", $"required: transfers at once against the server, 1 to {MaxTransfers}")], "The limit is invalid");
        }
        return Results.Ok(await gate.ActorRef.Ask<ServerLimitView>(new SetServerLimit(host, limit), AskTimeout));
    }

    private static IResult? HostProblem(string host) =>
        Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown
            ? Problems.Invalid([new JobSpecError("host", $"'{host}' is not a host name or address")], "The server is invalid")
            : null;
}
