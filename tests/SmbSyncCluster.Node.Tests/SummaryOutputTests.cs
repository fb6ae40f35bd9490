using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Cli;

namespace SmbSyncCluster.Node.Tests;

public sealed class SummaryOutputTests
{
    private static RunSummary Run(string outcome, bool dryRun) => new()
    {
        RunId = "r1",
        Mode = "mirror",
        DryRun = dryRun,
        Uploaded = 2,
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch.AddSeconds(1.5),
        Outcome = outcome,
    };

    [Theory]
    [InlineData("completed", false, "synced (mirror): 2 uploaded")]
    [InlineData("failed", false, "failed (mirror): 2 uploaded")]
    [InlineData("completed", true, "would sync (mirror, dry run): 2 uploaded")]
    [InlineData("aborted", true, "aborted (mirror, dry run): 2 uploaded")]
    [InlineData("stopped", false, "stopped (mirror): 2 uploaded")]
    public void The_counts_line_starts_with_what_happened(string outcome, bool dryRun, string start) =>
        Assert.StartsWith(start, SummaryOutput.Counts(Run(outcome, dryRun)), StringComparison.Ordinal);
}
