using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Http;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Reports;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// <c>GET /api/jobs/{id}/events</c>: server-sent events, one <c>event: job</c> with the job resource each
/// time it changes (and once at the start), a keep-alive comment when nothing changed for a while. The
/// stream stays open until the client leaves or the job is deleted; a job moving to another node is
/// followed, since every look goes through the receptionist.
/// </summary>
internal static class ProgressStream
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Seconds a client is told to wait when every stream is taken.</summary>
    private const int RetryAfterSeconds = 5;

    public static async Task<IResult> StreamAsync(string id, HttpContext context, IRequiredActor<JobReceptionist> jobs, EventStreamLimit limit)
    {
        if (!limit.TryEnter())
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem("this node serves as many event streams as it may; try again later", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many event streams");
        }
        try
        {
            return await StreamWithinLimitAsync(id, context, jobs);
        }
        finally
        {
            limit.Exit();
        }
    }

    private static async Task<IResult> StreamWithinLimitAsync(string id, HttpContext context, IRequiredActor<JobReceptionist> jobs)
    {
        var ct = context.RequestAborted;
        JobView first;
        try
        {
            first = await jobs.ActorRef.Ask<JobView>(new GetJob(id), AskTimeout, ct);
        }
        catch (AskTimeoutException e)
        {
            return Problems.Unavailable(e.Message);
        }
        if (first.Spec is null)
        {
            return Problems.NotFound(id);
        }
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies must not hold events back
        string? last = null;
        var quietSince = DateTime.UtcNow;
        var view = first;
        try
        {
            // A deleted job has no spec: nothing more will come, and a stream kept open would hold its place for good.
            while (!ct.IsCancellationRequested && view.Spec is not null)
            {
                var json = JsonSerializer.Serialize(JobResource.From(view), NodeJson.Options);
                if (json != last)
                {
                    await response.WriteAsync($"event: job\ndata: {json}\n\n", ct);
                    await response.Body.FlushAsync(ct);
                    last = json;
                    quietSince = DateTime.UtcNow;
                }
                if (DateTime.UtcNow - quietSince > KeepAlive)
                {
                    await response.WriteAsync(": keep-alive\n\n", ct);
                    await response.Body.FlushAsync(ct);
                    quietSince = DateTime.UtcNow;
                }
                await Task.Delay(Interval, ct);
                view = await LookAsync(jobs.ActorRef, id, ct) ?? view;
            }
        }
        catch (OperationCanceledException)
        {
            // The client left.
        }
        return Results.Empty;
    }

    /// <summary>The job's view, or null while it does not answer (moving to another node).</summary>
    private static async Task<JobView?> LookAsync(IActorRef jobs, string id, CancellationToken ct)
    {
        try
        {
            return await jobs.Ask<JobView>(new GetJob(id), AskTimeout, ct);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
