using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Scanning;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>Turns what a run recorded into the summary the CLI prints and the journal keeps.</summary>
public static class RunSummaries
{
    /// <summary>
    /// The summary of a run from what the journal recorded of it (so a run resumed after a crash counts
    /// the items of every attempt). A refused plan (max-delete guard) or a run-fatal error is "aborted",
    /// a user's stop "stopped", item failures "failed"; a dry run reports the plan's counts as what would
    /// be done. <paramref name="plan"/> is null when the run ended before it had one. What the scans could
    /// not take in (<paramref name="localIssues"/>, <paramref name="remoteIssues"/>) is reported too: a
    /// directory that could not be read is a failed item (its content was not synced), a link not
    /// followed a skipped one. <paramref name="notes"/> are what opening the stores told (<see cref="Runs.JobStores.Notes"/>).
    /// </summary>
    public static RunSummary Build(
        ActiveRun run, SyncMode mode, SyncPlan? plan, string? abortReason, bool stopped, DateTimeOffset finishedAt,
        IReadOnlyList<ScanIssue>? localIssues = null, IReadOnlyList<ScanIssue>? remoteIssues = null, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var issues = (localIssues ?? []).Select(i => (Side: SyncSide.Local, Issue: i)).Concat((remoteIssues ?? []).Select(i => (Side: SyncSide.Remote, Issue: i))).ToList();
        var notScanned = issues.Where(i => i.Issue.Error is null).Select(i => IssueOf(i.Side, i.Issue, RunAction.Skip, RunErrorKind.NotScanned)).ToList();
        var unreadable = issues.Where(i => i.Issue.Error is not null)
            .Select(i => IssueOf(i.Side, i.Issue, RunAction.Scan, KindOf(ErrorClassifier.Classify(i.Issue.Error!)))).ToList();
        var summary = new RunSummary
        {
            RunId = run.RunId,
            Mode = mode,
            DryRun = run.DryRun,
            Conflicts = plan?.Summary.Conflicts ?? 0,
            Skipped = notScanned.Count + (plan is null ? 0 : plan.Summary.Skipped + plan.Summary.Unrepresentable),
            Skips = SkipsOf(notScanned, plan),
            Failed = unreadable.Count,
            Errors = [.. unreadable.Take(RunSummary.MaxListedErrors)],
            Outcome = unreadable.Count > 0 ? RunOutcome.Failed : RunOutcome.Completed,
            Notes = notes is { Count: > 0 } ? notes : null,
            FirstSync = run.FirstSync,
            StartedAt = run.StartedAt,
            FinishedAt = finishedAt,
        };
        if (plan is { IsRefused: true })
        {
            return summary with { Outcome = RunOutcome.Aborted, Reason = plan.Refusal };
        }
        if (run.DryRun && plan is not null && abortReason is null)
        {
            return summary with
            {
                Uploaded = plan.Summary.Uploads,
                Downloaded = plan.Summary.Downloads,
                DeletedLocal = plan.Summary.DeletesLocal,
                DeletedRemote = plan.Summary.DeletesRemote,
                Moved = plan.Summary.Moved,
                BytesTransferred = plan.Summary.UploadBytes + plan.Summary.DownloadBytes,
            };
        }
        return summary with
        {
            Uploaded = run.Counts.Uploaded,
            Downloaded = run.Counts.Downloaded,
            DeletedLocal = run.Counts.DeletedLocal,
            DeletedRemote = run.Counts.DeletedRemote,
            Moved = run.Counts.Moved,
            BytesTransferred = run.Bytes,
            Failed = unreadable.Count + run.FailedCount,
            Errors = [.. unreadable.Concat(run.Errors).Take(RunSummary.MaxListedErrors)],
            Outcome = abortReason is not null ? RunOutcome.Aborted : stopped ? RunOutcome.Stopped : unreadable.Count + run.FailedCount > 0 ? RunOutcome.Failed : RunOutcome.Completed,
            Reason = abortReason ?? (stopped ? "stopped by a user" : null),
        };
    }

    /// <summary>The CLI's exit code for a summary: 0 synced, 1 some items failed, 3 refused, aborted or stopped.</summary>
    public static int ExitCode(RunSummary summary) => summary.Outcome switch
    {
        RunOutcome.Completed => ExitCodes.Synced,
        RunOutcome.Failed => ExitCodes.ItemsFailed,
        RunOutcome.Aborted or RunOutcome.Stopped => ExitCodes.Refused,
        var other => throw new ArgumentOutOfRangeException(nameof(summary), other, "not a run outcome"),
    };

    /// <summary>A failed item as the summary lists it.</summary>
    public static RunError ErrorOf(ItemFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new RunError(failure.Action.Path, ActionOf(failure.Action.Kind), KindOf(failure.Class), failure.Message);
    }

    /// <summary>The effect of one succeeded action on the summary's file counts.</summary>
    public static FileCounts CountsOf(SyncAction action, ActionEffect effect) => effect switch
    {
        ActionEffect.Moved => FileCounts.Zero with { Moved = action.MovedFiles },
        ActionEffect.CopiedInsteadOfMoved when action.Kind == SyncActionKind.MoveRemote => new FileCounts(1, 0, 0, 1),
        ActionEffect.CopiedInsteadOfMoved => new FileCounts(0, 1, 1, 0),
        ActionEffect.Uploaded => new FileCounts(1, 0, 0, 0),
        ActionEffect.Downloaded => new FileCounts(0, 1, 0, 0),
        ActionEffect.DeletedLocalFile => new FileCounts(0, 0, 1, 0),
        ActionEffect.DeletedRemoteFile => new FileCounts(0, 0, 0, 1),
        _ => FileCounts.Zero,
    };

    /// <summary>What the scans and the plan left alone, so that no file is dropped unsaid (a link not followed, a name the other side cannot hold).</summary>
    private static List<RunError>? SkipsOf(List<RunError> notScanned, SyncPlan? plan)
    {
        var skips = notScanned
            .Concat((plan?.Actions ?? []).Where(a => a.Kind == SyncActionKind.Skip).Select(a => new RunError(a.Path, RunAction.Skip, KindOf(a.SkipReason), a.Message ?? "skipped")))
            .Take(RunSummary.MaxListedSkips)
            .ToList();
        return skips.Count > 0 ? skips : null;
    }

    private static RunError IssueOf(SyncSide side, ScanIssue issue, RunAction action, RunErrorKind kind) =>
        new(issue.Path, action, kind, $"{side.ToString().ToLowerInvariant()} side: {issue.Reason}");

    // The plan's and the executor's own enums, richer than what a summary tells, map to its words here alone.

    internal static RunErrorKind KindOf(SkipReason? reason) => reason switch
    {
        SkipReason.Unrepresentable => RunErrorKind.UnrepresentableName,
        SkipReason.DeletionBlocked => RunErrorKind.DeletionBlocked,
        _ => RunErrorKind.Conflict,
    };

    /// <summary>What a summary calls an action that failed; only actions that touch a side are executed, so only they fail.</summary>
    private static RunAction ActionOf(SyncActionKind kind) => kind switch
    {
        SyncActionKind.Upload => RunAction.Upload,
        SyncActionKind.Download => RunAction.Download,
        SyncActionKind.DeleteLocal => RunAction.DeleteLocal,
        SyncActionKind.DeleteRemote => RunAction.DeleteRemote,
        SyncActionKind.CreateLocalDirectory => RunAction.MkdirLocal,
        SyncActionKind.CreateRemoteDirectory => RunAction.MkdirRemote,
        SyncActionKind.RenameLocal => RunAction.RenameLocal,
        SyncActionKind.RenameRemote => RunAction.RenameRemote,
        SyncActionKind.MoveLocal => RunAction.MoveLocal,
        SyncActionKind.MoveRemote => RunAction.MoveRemote,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "touches neither side, so it is never executed and never fails"),
    };

    private static RunErrorKind KindOf(ErrorClass kind) => kind switch
    {
        ErrorClass.Transient => RunErrorKind.Transient,
        ErrorClass.ItemPermanent => RunErrorKind.Item,
        _ => RunErrorKind.Fatal,
    };
}
