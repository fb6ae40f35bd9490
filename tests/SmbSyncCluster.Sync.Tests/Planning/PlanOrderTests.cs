using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Support;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Planning;

public sealed class PlanOrderTests
{
    [Fact]
    public void Renames_then_deletions_then_directories_then_transfers_then_bookkeeping()
    {
        var synced = Tree(("c.txt", File(1, 1)), ("gone", Dir), ("gone/f", File(1, 1)), ("same", File(1, 1)), ("both-gone", File(1, 1)));
        var local = Tree(("c.txt", File(2, 2)), ("same", File(7, 7)), ("new", Dir), ("new/f", File(3, 3)));
        var remote = Tree(("c.txt", File(4, 4)), ("gone", Dir), ("gone/f", File(1, 1)), ("same", File(7, 7)));

        var steps = Harness.Plan(synced, local, remote).Steps();

        Assert.Equal(
        [
            "RenameLocal c.txt -> c (conflict local 2026-11-25 154200).txt",
            "DeleteRemote gone/f",
            "DeleteRemote gone",
            "CreateRemoteDirectory new",
        ], steps[..4]);
        Assert.Equal(["Download c.txt", "Upload c (conflict local 2026-11-25 154200).txt", "Upload new/f"], steps[4..7].Order(StringComparer.Ordinal));
        Assert.Equal(["ForgetBase both-gone", "RecordConverged same"], steps[7..].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_summary_counts_files_and_bytes()
    {
        var synced = Tree(("a", File(1, 1)), ("b", File(1, 1)), ("d", Dir));
        var local = Tree(("a", File(100, 2)), ("up", File(20, 2)), ("d", Dir));
        var remote = Tree(("b", File(1, 1)), ("down", File(300, 3)));

        var summary = Harness.Plan(synced, local, remote).Summary;

        Assert.Equal(new SyncPlanSummary(Uploads: 2, Downloads: 1, DeletesLocal: 0, DeletesRemote: 1, Conflicts: 0, Skipped: 0, Unrepresentable: 0, UploadBytes: 120, DownloadBytes: 300), summary);
    }
}
