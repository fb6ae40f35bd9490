using System.Text.Json;
using System.Threading.Channels;
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
/// stream stays open until the client leaves or the job is deleted. The job pushes its views to the
/// stream's <see cref="JobFeed"/> (nothing asks it over and over); a job moving to another node is
/// followed, since the feed subscribes again when the job it watches terminates.
/// </summary>
internal static class ProgressStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FirstViewTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Seconds a client is told to wait when every stream is taken.</summary>
    private const int RetryAfterSeconds = 5;

    public static async Task<IResult> StreamAsync(string id, HttpContext context, ActorSystem system, IRequiredActor<JobReceptionist> jobs, EventStreamLimit limit)
    {
        if (!limit.TryEnter())
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem("this node serves as many event streams as it may; try again later", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many event streams");
        }
        try
        {
            using var feed = JobFeed.Open(system, jobs.ActorRef, id);
            return await StreamWithinLimitAsync(id, context, feed.Views);
        }
        finally
        {
            limit.Exit();
        }
    }

    private static async Task<IResult> StreamWithinLimitAsync(string id, HttpContext context, ChannelReader<JobView> views)
    {
        var ct = context.RequestAborted;
        JobView? first;
        using (var firstWait = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            firstWait.CancelAfter(FirstViewTimeout);
            try
            {
                first = await views.WaitToReadAsync(firstWait.Token) && views.TryRead(out var answered) ? answered : null;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return Problems.Unavailable($"job {id} did not answer within {FirstViewTimeout.TotalSeconds:0} seconds");
            }
        }
        if (first?.Spec is null)
        {
            return Problems.NotFound(id);
        }
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies must not hold events back
        string? last = null;
        var written = DateTime.UtcNow;
        JobView? view = first;
        try
        {
            // A deleted job has no spec: nothing more will come, and a stream kept open would hold its place for good.
            // A feed that ended (the node stops) ends the stream too.
            while (view?.Spec is not null)
            {
                var json = JsonSerializer.Serialize(JobResource.From(view), NodeJson.Options);
                if (json != last)
                {
                    await WriteAsync(response, $"event: job\ndata: {json}\n\n", ct);
                    last = json;
                    written = DateTime.UtcNow;
                }
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
                quiet.CancelAfter(TimeSpan.FromTicks(Math.Max(0, (KeepAlive - (DateTime.UtcNow - written)).Ticks)));
                try
                {
                    view = await views.WaitToReadAsync(quiet.Token) && views.TryRead(out var next) ? next : null;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await WriteAsync(response, ": keep-alive\n\n", ct);
                    written = DateTime.UtcNow;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client left.
        }
        return Results.Empty;
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.WriteAsync(text, ct);
        await response.Body.FlushAsync(ct);
    }
}
