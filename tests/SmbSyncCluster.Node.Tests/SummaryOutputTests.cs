using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Cli;

namespace SmbSyncCluster.Node.Tests;

public sealed class SummaryOutputTests
{
    private static RunSummary Run(RunOutcome outcome, bool dryRun) => new()
    {
        RunId = "r1",
        Mode = SyncMode.Mirror,
        DryRun = dryRun,
        Uploaded = 2,
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch.AddSeconds(1.5),
        Outcome = outcome,
    };

    [Theory]
    [InlineData(RunOutcome.Completed, false, "synced (mirror): 2 uploaded")]
    [InlineData(RunOutcome.Failed, false, "failed (mirror): 2 uploaded")]
    [InlineData(RunOutcome.Completed, true, "would sync (mirror, dry run): 2 uploaded")]
    [InlineData(RunOutcome.Aborted, true, "aborted (mirror, dry run): 2 uploaded")]
    [InlineData(RunOutcome.Stopped, false, "stopped (mirror): 2 uploaded")]
    public void The_counts_line_starts_with_what_happened(RunOutcome outcome, bool dryRun, string start) =>
        Assert.StartsWith(start, SummaryOutput.Counts(Run(outcome, dryRun)), StringComparison.Ordinal);

    private static RunSummary Refused(params RunError[] errors) => Run(RunOutcome.Failed, dryRun: false) with
    {
        Mode = SyncMode.Upload, Uploaded = 0, Failed = errors.Length + 5, Errors = errors,
    };

    private static string[] TextOf(RunSummary s, string remote)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        SummaryOutput.Write("j", s, json: false, stdout, stderr, remote);
        return stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void A_share_that_refused_every_write_is_one_line_naming_the_user()
    {
        var s = Refused(
            new RunError("a.txt", RunAction.Upload, RunErrorKind.Item, "write 'a.txt': STATUS_ACCESS_DENIED (0xC0000022)"),
            new RunError("d", RunAction.MkdirRemote, RunErrorKind.Item, "create directory 'd': STATUS_MEDIA_WRITE_PROTECTED (0xC00000A2)"),
            new RunError("d/b.txt", RunAction.Upload, RunErrorKind.Item, "write 'd/b.txt': STATUS_OBJECT_PATH_NOT_FOUND (0xC000003A)"));

        Assert.Equal(["smbsync: the share is read-only for alice: 8 writes refused (--json lists them); --mode download?"], TextOf(s, "smb://CORP;alice@nas/team"));
    }

    [Fact]
    public void Failures_of_other_kinds_are_listed_one_per_line()
    {
        var s = Refused(
            new RunError("a.txt", RunAction.Upload, RunErrorKind.Item, "write 'a.txt': STATUS_ACCESS_DENIED (0xC0000022)"),
            new RunError("b.txt", RunAction.Download, RunErrorKind.Item, "b.txt: permission denied"));

        Assert.Equal(3, TextOf(s, "smb://alice@nas/team").Length); // both items and the 5 not listed
    }

    [Fact]
    public void A_plan_is_one_line_per_step_before_the_counts_and_says_how_many_more_there_are()
    {
        var s = Run(RunOutcome.Completed, dryRun: true) with
        {
            Plan =
            [
                new PlannedAction("a.txt", "upload"),
                new PlannedAction("b", "rename-remote") { Target = "c" },
                new PlannedAction("d\u001b[2J.txt", "skip") { Reason = "conflict" },
            ],
            Planned = 1002,
        };
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        SummaryOutput.Write("j", s, json: false, stdout, stderr, remote: null);

        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["upload a.txt", "rename-remote b -> c", "skip d\\x1b[2J.txt (conflict)", "... 999 more not listed"], lines[..^1]);
        Assert.StartsWith("would sync (mirror, dry run)", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Moved_files_are_counted_only_when_a_run_moved_some()
    {
        var moved = Run(RunOutcome.Completed, dryRun: false) with { Moved = 25 };

        Assert.Contains("0 deleted remotely, 25 moved, 0 conflicts", SummaryOutput.Counts(moved), StringComparison.Ordinal);
        Assert.Contains("0 deleted remotely, 0 conflicts", SummaryOutput.Counts(Run(RunOutcome.Completed, dryRun: false)), StringComparison.Ordinal);
    }
}
