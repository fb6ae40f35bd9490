using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>Follows a run on the server through its job's event stream: shows its progress until it ends, then returns its summary.</summary>
internal static class RunFollower
{
    public static async Task<RunSummary> FollowAsync(JobsClient client, string jobId, string runId, ProgressView view, CancellationToken ct)
    {
        try
        {
            // The stream opens with the job as it is, so a run that ended before we connected is seen at once.
            await foreach (var job in client.EventsAsync(jobId, ct))
            {
                if (job.RunId == runId)
                {
                    if (job.Progress is { } progress)
                    {
                        view.Show(progress, paused: job.Status == JobStatus.Paused);
                    }
                    continue;
                }
                if (job.LastRun is { } last && last.RunId == runId)
                {
                    return last.ToSummary();
                }
                // Over, and another run (a scheduled one) ended since: its summary is in the history.
                var history = await client.HistoryAsync(jobId, ct);
                return history.Value.LastOrDefault(r => r.RunId == runId)?.ToSummary()
                    ?? throw new JobsApiException(ExitCodes.Refused, $"run {runId} of job '{jobId}' ended without a summary");
            }
            throw new JobsApiException(ExitCodes.Refused, $"{client.Server} closed the event stream of job '{jobId}' before run {runId} ended");
        }
        finally
        {
            view.Done();
        }
    }
}
