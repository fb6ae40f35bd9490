using System.Globalization;
using Akka.Event;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// The node log's line for each run's start and end, written once the event is persisted: what an operator
/// greps for when a scheduled run did not do what it should. A run that failed items or was aborted is a
/// warning, so that it stands out at the default level; its reason is on the same line. A run the job's
/// watchers started is logged when it finds something to do; one that did not (quiet) only at debug level.
/// </summary>
internal static class RunLog
{
    public static void Persisted(ILoggingAdapter log, IJobEvent e, bool quiet = false)
    {
        switch (e)
        {
            case RunStarted started:
                log.Log(started.Watched ? LogLevel.DebugLevel : LogLevel.InfoLevel, null, "job {0}: run {1} started{2}{3}{4}", started.JobId, started.RunId,
                    started.DryRun ? " (dry run)" : "", started.Force ? " (past the max-delete guard)" : "", started.Watched ? " (changes seen)" : "");
                break;
            case RunFinished { Summary: var s } finished:
                var level = s.Outcome is RunOutcome.Failed or RunOutcome.Aborted ? LogLevel.WarningLevel : quiet ? LogLevel.DebugLevel : LogLevel.InfoLevel;
                var seconds = Math.Max(0, (s.FinishedAt - s.StartedAt).TotalSeconds);
                log.Log(level, null, "{0}", string.Create(CultureInfo.InvariantCulture,
                    $"job {finished.JobId}: run {s.RunId} {s.Outcome.WireName} in {seconds:0.0} s{(s.DryRun ? " (dry run: would be)" : "")}: " +
                    $"{s.Uploaded} uploaded, {s.Downloaded} downloaded, {s.DeletedLocal} deleted local, {s.DeletedRemote} deleted remote, " +
                    $"{s.Conflicts} conflicts, {s.Skipped} skipped, {s.Failed} failed, {s.BytesTransferred} bytes{(s.Reason is { } reason ? "; " + reason : "")}"));
                break;
        }
    }
}
