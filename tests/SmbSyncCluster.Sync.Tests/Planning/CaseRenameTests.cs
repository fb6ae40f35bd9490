using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Support;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Planning;

/// <summary>A directory renamed only in case, towards a share that does not tell names apart by case.</summary>
public sealed class CaseRenameTests
{
    private static readonly EntryState F = File(1, 1);

    private static SyncPlan Plan()
    {
        var synced = Tree(("Docs", Dir), ("Docs/a.txt", F), ("Docs/sub", Dir), ("Docs/sub/b.txt", F));
        var renamed = Tree(("docs", Dir), ("docs/a.txt", F), ("docs/sub", Dir), ("docs/sub/b.txt", F));
        var changes = ChangeDetector.Detect(synced, renamed, synced, Harness.Exact with { RemoteNames = NameRules.Smb });
        return SyncPlanner.Plan(changes, Harness.Options(tracked: 2));
    }

    [Fact]
    public void Is_planned_as_deletions_and_placements_that_the_delete_guard_lets_through()
    {
        var plan = Plan();

        Assert.False(plan.IsRefused, plan.Refusal);
        Assert.DoesNotContain(plan.Actions, a => a.Kind == SyncActionKind.Skip);
        Assert.Equal((2, 2), (plan.Summary.Uploads, plan.Summary.DeletesRemote));
    }

    [Fact]
    public void Runs_the_deletions_first_files_then_directories_from_the_bottom()
    {
        var stages = ExecutionStages.Of(Plan().Actions).Select(s => s.Select(a => $"{a.Kind} {a.Path}").Order().ToArray()).ToList();

        Assert.Equal(["DeleteRemote Docs/a.txt", "DeleteRemote Docs/sub/b.txt"], stages[0]);
        Assert.Equal(["DeleteRemote Docs/sub"], stages[1]);
        Assert.Equal(["DeleteRemote Docs"], stages[2]);
        Assert.Equal(["CreateRemoteDirectory docs"], stages[3]);
    }
}
