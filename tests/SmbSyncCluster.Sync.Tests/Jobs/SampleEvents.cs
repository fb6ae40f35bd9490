using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Tests.Jobs;

/// <summary>One event of every type with every field set, as the golden journal files hold them.</summary>
internal static class SampleEvents
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 30, 0, TimeSpan.Zero);

    public static readonly JobSpec Spec = new()
    {
        Id = "docs", LocalPath = "/srv/docs", Remote = "smb://CORP;svc@nas:1445/team/docs", Mode = SyncMode.Upload,
        Conflict = ConflictPolicy.Newer, Workers = 4, Exclude = ["*.tmp"], Include = ["*.docx"], IntervalSeconds = 600, Credential = "nas",
    };

    public static IReadOnlyList<IJobEvent> All() =>
    [
        new JobDefined("docs", Spec),
        new RunStarted("docs", "r1", At, DryRun: false),
        new ItemsSynced("docs", "r1", [new BaseChange("a/b.docx", EntryState.OfFile(1234, 638_000_000_000_000_000)), new BaseChange("a", EntryState.OfDirectory()), new BaseChange("gone.txt", null)], 1234),
        new ItemsFailed("docs", "r1", [new RunError("locked.docx", RunAction.Upload, RunErrorKind.Item, "access denied")]),
        new RunControlled("docs", "r1", RunControl.Pause, At.AddMinutes(1)),
        new RunFinished("docs", new RunSummary
        {
            RunId = "r1", Mode = SyncMode.Upload, Uploaded = 1, Failed = 1, BytesTransferred = 1234, StartedAt = At, FinishedAt = At.AddMinutes(2),
            Outcome = RunOutcome.Failed, Errors = [new RunError("locked.docx", RunAction.Upload, RunErrorKind.Item, "access denied")],
        }),
        new JobDeleted("docs"),
    ];
}
