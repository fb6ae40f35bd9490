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
}
