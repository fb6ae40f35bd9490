using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Sync.Tests.Runs;

public sealed class RootPolicyTests
{
    [Theory]
    [InlineData(SyncMode.Mirror, SyncSide.Local, true)]
    [InlineData(SyncMode.Mirror, SyncSide.Remote, true)]
    [InlineData(SyncMode.Upload, SyncSide.Local, false)]
    [InlineData(SyncMode.Upload, SyncSide.Remote, true)]
    [InlineData(SyncMode.Download, SyncSide.Local, true)]
    [InlineData(SyncMode.Download, SyncSide.Remote, false)]
    public void Before_the_first_sync_only_a_side_the_mode_writes_is_created(SyncMode mode, SyncSide side, bool created)
    {
        Assert.Equal(created, new RootPolicy(mode, SyncedPaths: 0, DryRun: false).MayCreate(side));
    }

    [Fact]
    public void After_a_sync_or_in_a_dry_run_nothing_is_created()
    {
        Assert.False(new RootPolicy(SyncMode.Mirror, SyncedPaths: 1, DryRun: false).MayCreate(SyncSide.Remote));
        Assert.False(new RootPolicy(SyncMode.Mirror, SyncedPaths: 0, DryRun: true).MayCreate(SyncSide.Remote));
    }

    [Fact]
    public void A_dry_run_before_the_first_sync_previews_a_root_the_mode_writes_as_empty()
    {
        Assert.True(new RootPolicy(SyncMode.Upload, SyncedPaths: 0, DryRun: true).PreviewsAsEmpty(SyncSide.Remote));
        Assert.False(new RootPolicy(SyncMode.Upload, SyncedPaths: 0, DryRun: true).PreviewsAsEmpty(SyncSide.Local));
        Assert.False(new RootPolicy(SyncMode.Upload, SyncedPaths: 0, DryRun: false).PreviewsAsEmpty(SyncSide.Remote));
        Assert.False(new RootPolicy(SyncMode.Mirror, SyncedPaths: 3, DryRun: true).PreviewsAsEmpty(SyncSide.Remote));
    }

    [Fact]
    public void The_refusal_says_why()
    {
        const string missing = "directory 'x' does not exist on share 's'";

        Assert.Equal(missing, new RootPolicy(SyncMode.Upload, 5, false).Explain(SyncSide.Local, missing));
        Assert.Equal(
            missing + "; the job's last sync left 5 paths there, so it is not created again (unmounted or moved?)",
            new RootPolicy(SyncMode.Mirror, 5, false).Explain(SyncSide.Remote, missing));
    }
}
