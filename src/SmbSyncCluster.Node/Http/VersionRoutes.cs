using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Versions;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// <c>GET /api/jobs/{id}/versions?path=P</c> lists the versions both sides of a job kept of a file;
/// <c>POST /api/jobs/{id}/restore</c> puts one back (<see cref="JobVersions"/>). The node that takes the call
/// opens the job's stores itself, with its own credentials and limits, as a run would.
/// </summary>
internal static class VersionRoutes
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Maps the two routes under /api/jobs.</summary>
    public static void MapVersionRoutes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").WithTags("versions");
        api.MapGet("/{id}/versions", ListAsync).Produces<VersionResource[]>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/restore", RestoreAsync).Accepts<RestoreRequest>("application/json").Produces<RestoreResource>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static Task<IResult> ListAsync(string id, string? path, IRequiredActor<JobReceptionist> jobs, RunEnvironment runs, HttpContext http) =>
        path is null
            ? Task.FromResult(Problems.Invalid([new JobSpecError("path", "required: the file's path in the job, e.g. docs/report.txt")], "The request is invalid"))
            : WithSpecAsync(id, jobs.ActorRef, runs, running: null, async (spec, open) =>
            {
                var versions = await JobVersions.ListAsync(spec, open, path, http.RequestAborted);
                return Results.Ok(versions.Select(VersionResource.From));
            });

    private static async Task<IResult> RestoreAsync(string id, RestoreRequest? request, IRequiredActor<JobReceptionist> jobs, RunEnvironment runs, TimeProvider clock, HttpContext http)
    {
        var errors = new List<JobSpecError>();
        if (request?.Path is null)
        {
            errors.Add(new JobSpecError("path", "required: the file's path in the job"));
        }
        if (request?.Version is null)
        {
            errors.Add(new JobSpecError("version", "required: a version's name, as the versions listing gives it"));
        }
        SyncSide? side = request?.Side switch
        {
            null => null,
            "local" => SyncSide.Local,
            "remote" => SyncSide.Remote,
            var other => Invalid(errors, other),
        };
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "The request is invalid");
        }
        return await WithSpecAsync(id, jobs.ActorRef, runs, running: "restore", async (spec, open) =>
        {
            var restored = await JobVersions.RestoreAsync(spec, open, request!.Path!, request.Version!, side, clock.GetUtcNow().UtcDateTime, http.RequestAborted);
            return Results.Ok(RestoreResource.From(restored));
        });
    }

    private static SyncSide? Invalid(List<JobSpecError> errors, string side)
    {
        errors.Add(new JobSpecError("side", $"'{side}' is not one of local, remote"));
        return null;
    }

    /// <summary>
    /// Finds the job's spec and answers with <paramref name="answer"/> on its stores; the stores' refusals become
    /// problems. <paramref name="running"/> names a change a run in progress refuses (409), null for a read.
    /// </summary>
    private static async Task<IResult> WithSpecAsync(
        string id, IActorRef jobs, RunEnvironment runs, string? running, Func<JobSpec, StoreOpener, Task<IResult>> answer)
    {
        JobSpec spec;
        try
        {
            switch (await jobs.Ask<object>(new GetJob(id), AskTimeout))
            {
                case JobView { Spec: null }:
                    return Problems.NotFound(id);
                case JobView { RunId: not null } when running is not null:
                    return Results.Problem($"job {id} has a run in progress; {running} once it ends", statusCode: StatusCodes.Status409Conflict, title: "The job is running");
                case JobView view:
                    spec = view.Spec;
                    break;
                case CommandRefused refused:
                    return Problems.Refused(refused);
                case var other:
                    throw new InvalidOperationException($"unexpected reply {other.GetType().Name} for job {id}");
            }
        }
        catch (AskTimeoutException e)
        {
            return Problems.Unavailable(e.Message);
        }
        try
        {
            return await answer(spec, JobVersions.Opener(spec, runs.Limits, runs.Passwords, runs.OpenStores));
        }
        catch (Exception e) when (VersionFailure.Of(e) is { } failure)
        {
            return failure.Kind switch
            {
                VersionFailureKind.Invalid => Problems.Invalid([new JobSpecError(failure.Field!, failure.Message)], "The request is invalid"),
                VersionFailureKind.NotFound => Results.Problem(failure.Message, statusCode: StatusCodes.Status404NotFound, title: "No such version"),
                _ => Results.Problem(failure.Message, statusCode: StatusCodes.Status409Conflict, title: "The job's directories cannot be reached or changed"),
            };
        }
    }
}
