using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Planning;

public sealed class BaseRecordingTests
{
    [Theory]
    [InlineData(SyncActionKind.Upload)]
    [InlineData(SyncActionKind.Download)]
    [InlineData(SyncActionKind.RecordConverged)]
    [InlineData(SyncActionKind.CreateLocalDirectory)]
    [InlineData(SyncActionKind.CreateRemoteDirectory)]
    public void Actions_that_leave_both_sides_equal_record_the_state(SyncActionKind kind)
    {
        var baseState = Tree(("p", File(1, 1)));

        new SyncAction(kind, "p") { Expected = File(2, 2) }.RecordIn(baseState);

        Assert.True(baseState.TryGet("p", out var state));
        Assert.Equal(File(2, 2), state);
    }

    [Theory]
    [InlineData(SyncActionKind.DeleteLocal)]
    [InlineData(SyncActionKind.DeleteRemote)]
    [InlineData(SyncActionKind.ForgetBase)]
    public void Deletions_forget_the_path(SyncActionKind kind)
    {
        var baseState = Tree(("p", File(1, 1)));

        new SyncAction(kind, "p") { Expected = File(1, 1) }.RecordIn(baseState);

        Assert.Equal(0, baseState.Count);
    }

    [Theory]
    [InlineData(SyncActionKind.RenameLocal)]
    [InlineData(SyncActionKind.Skip)]
    public void Renames_and_skips_record_nothing(SyncActionKind kind)
    {
        var baseState = Tree(("p", File(1, 1)));

        new SyncAction(kind, "p") { TargetPath = "q", Expected = File(1, 1) }.RecordIn(baseState);

        Assert.True(baseState.Contains("p"));
        Assert.False(baseState.Contains("q"));
    }
}
