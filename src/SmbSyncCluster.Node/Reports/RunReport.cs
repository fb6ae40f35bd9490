using System.Text.Json.Serialization;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Reports;

/// <summary>
/// A run as users read it, in the JSON the CLI and the HTTP front share: the CLI's one-line summary (counts are files; with a
/// dry run, what would be done) plus the run's id, times, outcome and, when aborted, the reason, and the
/// skipped items with why (a name the other side cannot hold, a conflict left alone, a blocked deletion). The
/// HTTP front returns it as a job's <c>lastRun</c> and in its history. <c>notes</c> (a root directory the run created) is
/// there only when the run has some.
/// </summary>
public sealed record RunReport(
    string JobId, SyncMode Mode, bool DryRun, int Uploaded, int Downloaded, int DeletedLocal, int DeletedRemote,
    int Conflicts, int Skipped, int Failed, long BytesTransferred, long DurationMs, IReadOnlyList<RunError> Errors,
    string RunId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, RunOutcome Outcome, string? Reason, IReadOnlyList<RunError>? Skips = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Notes = null)
{
    /// <summary>True for a run of a job that had no base (files missing on one side were copied, not deleted); left out when false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool FirstSync { get; init; }

    /// <summary>
    /// A dry run's steps (or the deletions a refused run held back), the first <see cref="RunSummary.MaxListedPlan"/>;
    /// left out when the run lists none, as in the history, which keeps no plan.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PlannedAction>? Plan { get; init; }

    /// <summary>How many steps <see cref="Plan"/> stands for, those past its limit included; left out with it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Planned { get; init; }

    /// <summary>Files moved by a rename where the other side had renamed or moved them (see <see cref="RunSummary.Moved"/>).</summary>
    public int Moved { get; init; }

    /// <summary>For a watched job's history: how many runs this entry stands for (see <see cref="RunSummary.Runs"/>); left out otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Runs { get; init; }

    /// <summary>The report of a run of <paramref name="jobId"/>.</summary>
    public static RunReport From(string jobId, RunSummary s) => new(
        jobId, s.Mode, s.DryRun, s.Uploaded, s.Downloaded, s.DeletedLocal, s.DeletedRemote, s.Conflicts, s.Skipped, s.Failed,
        s.BytesTransferred, (long)(s.FinishedAt - s.StartedAt).TotalMilliseconds, s.Errors,
        s.RunId, s.StartedAt, s.FinishedAt, s.Outcome, s.Reason, s.Skips ?? [], s.Notes)
    {
        FirstSync = s.FirstSync,
        Plan = s.Plan,
        Planned = s.Planned,
        Moved = s.Moved,
        Runs = s.Runs,
    };

    /// <summary>The summary this report was made from: what the CLI prints and takes its exit code from, for a run it read from a node.</summary>
    public RunSummary ToSummary() => new()
    {
        RunId = RunId,
        Mode = Mode,
        DryRun = DryRun,
        Uploaded = Uploaded,
        Downloaded = Downloaded,
        DeletedLocal = DeletedLocal,
        DeletedRemote = DeletedRemote,
        Moved = Moved,
        Conflicts = Conflicts,
        Skipped = Skipped,
        Failed = Failed,
        BytesTransferred = BytesTransferred,
        StartedAt = StartedAt,
        FinishedAt = FinishedAt,
        Outcome = Outcome,
        Reason = Reason,
        Errors = Errors,
        Skips = Skips is { Count: > 0 } ? Skips : null,
        Notes = Notes is { Count: > 0 } ? Notes : null,
        FirstSync = FirstSync,
        Plan = Plan,
        Planned = Plan is null ? null : Planned,
        Runs = Runs,
    };
}
