using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Support;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Planning;

public sealed class DirectoryDeletionTests
{
    private static readonly EntryState F = File(1, 1);
    private static readonly (string, EntryState)[] Synced = [("keep", F), ("d", Dir), ("d/a", F), ("d/e", Dir), ("d/e/b", F)];

    private static TreeSnapshot SyncedPlus(params (string, EntryState)[] extra) => Tree([.. Synced, .. extra]);

    [Fact]
    public void A_deleted_directory_goes_after_its_files_and_deepest_first()
    {
        var plan = Harness.Plan(Tree(Synced), Tree(("keep", F)), Tree(Synced));

        var steps = plan.Steps();
        Assert.Equal(["DeleteRemote d/a", "DeleteRemote d/e/b"], steps[..2].Order(StringComparer.Ordinal));
        Assert.Equal(["DeleteRemote d/e", "DeleteRemote d"], steps[2..]);
    }

    [Fact]
    public void New_remote_content_keeps_the_directory_and_re_creates_it_locally()
    {
        var plan = Harness.Plan(Tree(Synced), Tree(("keep", F)), SyncedPlus(("d/e/new", F)));

        Assert.Equal(["DeleteRemote d/a", "DeleteRemote d/e/b", "CreateLocalDirectory d", "CreateLocalDirectory d/e", "Download d/e/new"],
            plan.Steps());
    }

    [Fact]
    public void A_remote_modification_under_it_keeps_the_directory_too()
    {
        var remote = Tree(("keep", F), ("d", Dir), ("d/a", File(5, 5)), ("d/e", Dir), ("d/e/b", F));

        var plan = Harness.Plan(Tree(Synced), Tree(("keep", F)), remote);

        Assert.Equal(["DeleteRemote d/e/b", "DeleteRemote d/e", "CreateLocalDirectory d", "Download d/a"], plan.Steps());
    }

    [Fact]
    public void Upload_mode_keeps_a_directory_with_remote_content_and_says_so()
    {
        var plan = Harness.Plan(Tree(Synced), Tree(("keep", F)), SyncedPlus(("d/new", F)), SyncMode.Upload);

        Assert.Equal(["DeleteRemote d/a", "DeleteRemote d/e/b", "DeleteRemote d/e", "Skip d"], plan.Steps());
        Assert.Equal(SkipReason.DeletionBlocked, plan.Actions[^1].SkipReason);
    }

    [Fact]
    public void Content_the_deleting_side_cannot_hold_keeps_the_directory()
    {
        var smbLocal = Harness.Exact with { LocalNames = NameRules.Smb };

        var plan = Harness.Plan(Tree(Synced), Tree(("keep", F)), SyncedPlus(("d/x:y", F)), detection: smbLocal);

        Assert.Contains("CreateLocalDirectory d", plan.Steps());
        Assert.DoesNotContain("DeleteRemote d", plan.Steps());
        Assert.Equal(1, plan.Summary.Unrepresentable);
    }

    [Fact]
    public void Deletions_on_both_sides_are_only_forgotten()
    {
        var plan = Harness.Plan(Tree(Synced), Tree(("keep", F)), Tree(("keep", F)));

        Assert.All(plan.Actions, a => Assert.Equal(SyncActionKind.ForgetBase, a.Kind));
        Assert.Equal(4, plan.Actions.Count);
    }

    [Fact]
    public void Upload_mode_brings_back_remote_directories_a_winning_modification_needs()
    {
        var local = Tree(("keep", F), ("d", Dir), ("d/a", F), ("d/e", Dir), ("d/e/b", File(2, 2)));

        var plan = Harness.Plan(Tree(Synced), local, Tree(("keep", F)), SyncMode.Upload);

        Assert.Equal(["CreateRemoteDirectory d", "CreateRemoteDirectory d/e", "Upload d/e/b"], plan.Steps());
    }
}
