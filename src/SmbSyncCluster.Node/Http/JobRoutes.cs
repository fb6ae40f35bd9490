using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Reports;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// The jobs API (<c>/api/jobs...</c>), whose routes and JSON clients rely on. Every call goes to the node's <see cref="JobReceptionist"/>,
/// which reaches the job wherever it runs; the job decides, and its refusals map to 400, 404 and 409.
/// </summary>
internal static class JobRoutes
{
    /// <summary>How long a call waits for the job: a job moving to another node answers once it is started there.</summary>
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Maps the routes under /api/jobs.</summary>
    public static void MapJobRoutes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").WithTags("jobs");
        api.MapPost("", CreateAsync)
            .Accepts<JobSpec>("application/json").Produces<JobResource>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapGet("", ListAsync).Produces<JobResource[]>();
        api.MapGet("/{id}", GetAsync).Produces<JobResource>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{id}", UpdateAsync)
            .Accepts<JobSpec>("application/json").Produces<JobResource>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{id}", DeleteAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id}/sync", SyncAsync).Produces<RunAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id}/pause", (string id, IRequiredActor<JobReceptionist> jobs) => ControlAsync(id, RunControl.Pause, jobs.ActorRef))
            .Produces<RunAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id}/resume", (string id, IRequiredActor<JobReceptionist> jobs) => ControlAsync(id, RunControl.Resume, jobs.ActorRef))
            .Produces<RunAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id}/stop", (string id, IRequiredActor<JobReceptionist> jobs) => ControlAsync(id, RunControl.Stop, jobs.ActorRef))
            .Produces<RunAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id}/history", HistoryAsync).Produces<RunReport[]>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/statistics", StatisticsAsync).Produces<JobStatistics>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/statistics", ClusterStatisticsAsync).WithTags("jobs").Produces<ClusterStatistics>();
        api.MapGet("/{id}/events", ProgressStream.StreamAsync).Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IRequiredActor<JobReceptionist> jobs, NodeLimits limits)
    {
        var (spec, problem) = await SpecBody.ReadAsync(request, routeId: null, limits);
        return problem ?? await DefineAsync(new DefineJob(spec!, DefineIntent.Create), jobs.ActorRef, created: true);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, IRequiredActor<JobReceptionist> jobs, NodeLimits limits)
    {
        var (spec, problem) = await SpecBody.ReadAsync(request, routeId: id, limits);
        return problem ?? await DefineAsync(new DefineJob(spec!, DefineIntent.Update), jobs.ActorRef, created: false);
    }

    private static Task<IResult> DefineAsync(DefineJob define, IActorRef jobs, bool created) => CallAsync(jobs, define, async () =>
    {
        var resource = JobResource.From(await jobs.Ask<JobView>(new GetJob(define.JobId), AskTimeout));
        return created ? Results.Created($"/api/jobs/{Uri.EscapeDataString(define.JobId)}", resource) : Results.Ok(resource);
    });

    private static async Task<IResult> ListAsync(IRequiredActor<JobReceptionist> jobs)
    {
        try
        {
            var list = await jobs.ActorRef.Ask<JobList>(ListJobs.Instance, AskTimeout);
            return Results.Ok(list.Jobs.Select(JobResource.From));
        }
        catch (AskTimeoutException e)
        {
            return Problems.Unavailable(e.Message);
        }
    }

    private static Task<IResult> GetAsync(string id, IRequiredActor<JobReceptionist> jobs) =>
        QueryAsync(id, jobs.ActorRef, view => Task.FromResult(Results.Ok(JobResource.From(view))));

    private static Task<IResult> HistoryAsync(string id, IRequiredActor<JobReceptionist> jobs) =>
        QueryAsync(id, jobs.ActorRef, async _ =>
        {
            var history = await jobs.ActorRef.Ask<JobHistory>(new GetJobHistory(id), AskTimeout);
            return Results.Ok(history.Runs.Select(r => RunReport.From(id, r)));
        });

    private static Task<IResult> StatisticsAsync(string id, IRequiredActor<JobReceptionist> jobs) =>
        QueryAsync(id, jobs.ActorRef, async _ => Results.Ok(await jobs.ActorRef.Ask<JobStatistics>(new GetJobStatistics(id), AskTimeout)));

    /// <summary>Every job's statistics (the jobs as listed across the cluster), added up per node and in all.</summary>
    private static async Task<IResult> ClusterStatisticsAsync(IRequiredActor<JobReceptionist> jobs)
    {
        try
        {
            var list = await jobs.ActorRef.Ask<JobList>(ListJobs.Instance, AskTimeout);
            var each = await Task.WhenAll(list.Jobs.Select(view => jobs.ActorRef.Ask<JobStatistics>(new GetJobStatistics(view.JobId), AskTimeout)));
            return Results.Ok(StatisticsSums.Of(each));
        }
        catch (AskTimeoutException e)
        {
            return Problems.Unavailable(e.Message);
        }
    }

    private static Task<IResult> DeleteAsync(string id, IRequiredActor<JobReceptionist> jobs) =>
        CallAsync(jobs.ActorRef, new DeleteJob(id), () => Task.FromResult(Results.NoContent()));

    private static async Task<IResult> SyncAsync(string id, string? dryRun, string? force, IRequiredActor<JobReceptionist> jobs)
    {
        var errors = new List<JobSpecError>();
        bool Flag(string name, string? text)
        {
            if (text is null)
            {
                return false;
            }
            if (bool.TryParse(text, out var value))
            {
                return value;
            }
            errors.Add(new JobSpecError(name, "must be true or false"));
            return false;
        }
        var (isDryRun, isForced) = (Flag("dryRun", dryRun), Flag("force", force));
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "The request is invalid");
        }
        var now = DateTimeOffset.UtcNow;
        var runId = StartRun.NewRunId(now);
        var start = new StartRun(id, runId, now, isDryRun, isForced);
        return await CallAsync(jobs.ActorRef, start, () => Task.FromResult(Results.Accepted($"/api/jobs/{Uri.EscapeDataString(id)}", new RunAccepted(id, runId))));
    }

    private static Task<IResult> ControlAsync(string id, RunControl control, IActorRef jobs) =>
        CallAsync(jobs, new ControlRun(id, control, DateTimeOffset.UtcNow), async () =>
        {
            var view = await jobs.Ask<JobView>(new GetJob(id), AskTimeout);
            return Results.Accepted($"/api/jobs/{Uri.EscapeDataString(id)}", new RunAccepted(id, view.RunId));
        });

    /// <summary>Sends a command; on acceptance answers with <paramref name="accepted"/>, else with the refusal's problem.</summary>
    private static async Task<IResult> CallAsync(IActorRef jobs, JobCommand command, Func<Task<IResult>> accepted)
    {
        try
        {
            return await jobs.Ask<object>(command, AskTimeout) switch
            {
                CommandAccepted => await accepted(),
                CommandRefused refused => Problems.Refused(refused),
                var other => throw new InvalidOperationException($"unexpected reply {other.GetType().Name}"),
            };
        }
        catch (AskTimeoutException e)
        {
            return Problems.Unavailable(e.Message);
        }
    }

    /// <summary>Asks for the job's view; answers 404 when it does not exist, else with <paramref name="answer"/>.</summary>
    private static async Task<IResult> QueryAsync(string id, IActorRef jobs, Func<JobView, Task<IResult>> answer)
    {
        try
        {
            return await jobs.Ask<object>(new GetJob(id), AskTimeout) switch
            {
                JobView { Spec: null } => Problems.NotFound(id),
                JobView view => await answer(view),
                CommandRefused refused => Problems.Refused(refused),
                var other => throw new InvalidOperationException($"unexpected reply {other.GetType().Name} for job {id}"),
            };
        }
        catch (AskTimeoutException e)
        {
            return Problems.Unavailable(e.Message);
        }
    }
}
