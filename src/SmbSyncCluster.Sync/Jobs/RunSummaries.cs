using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>Turns a plan and what its execution did into the run summary the CLI prints and the journal keeps.</summary>
public static class RunSummaries
{
    /// <summary>
    /// The summary of a run. A refused plan (max-delete guard) or a run-fatal error is "aborted"; item
    /// failures make it "failed"; a dry run reports the plan's counts as what would be done.
    /// </summary>
    public static RunSummary Build(
        string runId, SyncPlan plan, ExecutionResult? result, bool dryRun, string mode, DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var summary = new RunSummary
        {
            RunId = runId,
            Mode = mode,
            DryRun = dryRun,
            Conflicts = plan.Summary.Conflicts,
            Skipped = plan.Summary.Skipped + plan.Summary.Unrepresentable,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Outcome = "completed",
        };
        if (plan.IsRefused)
        {
            return summary with { Outcome = "aborted", Reason = plan.Refusal };
        }
        if (dryRun || result is null)
        {
            return summary with
            {
                Uploaded = plan.Summary.Uploads,
                Downloaded = plan.Summary.Downloads,
                DeletedLocal = plan.Summary.DeletesLocal,
                DeletedRemote = plan.Summary.DeletesRemote,
                BytesTransferred = plan.Summary.UploadBytes + plan.Summary.DownloadBytes,
            };
        }
        var errors = result.Failures.Select(f => new RunError(f.Action.Path, ActionName(f.Action.Kind), KindName(f.Class), f.Message)).ToList();
        return summary with
        {
            Uploaded = result.Uploaded,
            Downloaded = result.Downloaded,
            DeletedLocal = result.DeletedLocal,
            DeletedRemote = result.DeletedRemote,
            BytesTransferred = result.BytesTransferred,
            Failed = errors.Count,
            Errors = errors,
            Outcome = result.AbortReason is not null ? "aborted" : errors.Count > 0 ? "failed" : "completed",
            Reason = result.AbortReason,
        };
    }

    /// <summary>The CLI's exit code for a summary: 0 synced, 1 some items failed, 3 refused or aborted.</summary>
    public static int ExitCode(RunSummary summary) => summary.Outcome switch
    {
        "completed" => 0,
        "failed" => 1,
        _ => 3,
    };

    private static string ActionName(SyncActionKind kind) => kind switch
    {
        SyncActionKind.Upload => "upload",
        SyncActionKind.Download => "download",
        SyncActionKind.DeleteLocal => "delete-local",
        SyncActionKind.DeleteRemote => "delete-remote",
        SyncActionKind.CreateLocalDirectory => "mkdir-local",
        SyncActionKind.CreateRemoteDirectory => "mkdir-remote",
        SyncActionKind.RenameLocal => "rename-local",
        SyncActionKind.RenameRemote => "rename-remote",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string KindName(ErrorClass kind) => kind switch
    {
        ErrorClass.Transient => "transient",
        ErrorClass.ItemPermanent => "item",
        _ => "fatal",
    };
}
