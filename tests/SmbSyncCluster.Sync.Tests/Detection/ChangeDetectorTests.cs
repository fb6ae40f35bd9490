using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Tests.Support;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Detection;

public sealed class ChangeDetectorTests
{
    private static readonly EntryState Old = File(10, 100);
    private static readonly EntryState NewLocal = File(11, 200);
    private static readonly EntryState NewRemote = File(12, 300);

    private static TreeSnapshot With(EntryState? state) => state is { } s ? Tree(("f", s)) : Tree();

    private static ChangeKind Kind(EntryState? b, EntryState? l, EntryState? r, DetectionOptions? options = null) =>
        Harness.Single(With(b), With(l), With(r), options).Kind;

    [Fact]
    public void Unchanged_paths_produce_nothing()
    {
        var tree = Tree(("d", Dir), ("d/f", Old));

        Assert.Empty(ChangeDetector.Detect(tree, Tree(("d", Dir), ("d/f", Old)), Tree(("d", Dir), ("d/f", Old)), Harness.Exact));
    }

    [Fact]
    public void A_change_on_one_side_is_propagated()
    {
        Assert.Equal(ChangeKind.LocalAdded, Kind(null, NewLocal, null));
        Assert.Equal(ChangeKind.RemoteAdded, Kind(null, null, NewRemote));
        Assert.Equal(ChangeKind.LocalModified, Kind(Old, NewLocal, Old));
        Assert.Equal(ChangeKind.RemoteModified, Kind(Old, Old, NewRemote));
        Assert.Equal(ChangeKind.LocalDeleted, Kind(Old, null, Old));
        Assert.Equal(ChangeKind.RemoteDeleted, Kind(Old, Old, null));
    }

    [Fact]
    public void A_touch_alone_is_a_modification() =>
        Assert.Equal(ChangeKind.LocalModified, Kind(Old, Old with { ModifiedTicks = Old.ModifiedTicks + 1 }, Old));

    [Fact]
    public void Time_differences_within_the_tolerance_are_no_change()
    {
        var oneSecond = new DetectionOptions { MtimeTolerance = TimeSpan.FromSeconds(1) };
        var truncated = Old with { ModifiedTicks = Old.ModifiedTicks - TimeSpan.TicksPerSecond };

        Assert.Empty(ChangeDetector.Detect(With(Old), With(Old), With(truncated), oneSecond));
        Assert.Equal(ChangeKind.RemoteModified, Kind(Old, Old, truncated with { ModifiedTicks = truncated.ModifiedTicks - 1 }, oneSecond));
    }

    [Fact]
    public void Modification_wins_over_deletion()
    {
        Assert.Equal(ChangeKind.LocalModifiedRemoteDeleted, Kind(Old, NewLocal, null));
        Assert.Equal(ChangeKind.RemoteModifiedLocalDeleted, Kind(Old, null, NewRemote));
    }

    [Fact]
    public void The_same_change_on_both_sides_converges()
    {
        var change = Harness.Single(With(Old), With(NewLocal), With(NewLocal));

        Assert.Equal(ChangeKind.Converged, change.Kind);
        Assert.Equal(NewLocal, change.Local);
        Assert.Equal(ChangeKind.DeletedOnBoth, Kind(Old, null, null));
    }

    [Fact]
    public void Different_changes_on_both_sides_conflict()
    {
        var change = Harness.Single(With(Old), With(NewLocal), With(NewRemote));

        Assert.Equal(ChangeKind.Conflict, change.Kind);
        Assert.Equal((Old, NewLocal, NewRemote), (change.Base!.Value, change.Local!.Value, change.Remote!.Value));
    }

    [Fact]
    public void A_first_run_is_a_union_with_differing_files_in_conflict()
    {
        var local = Tree(("d", Dir), ("d/same", Old), ("d/differs", NewLocal), ("only-local", NewLocal));
        var remote = Tree(("d", Dir), ("d/same", Old), ("d/differs", NewRemote), ("only-remote", NewRemote));

        var kinds = ChangeDetector.Detect(new TreeSnapshot(), local, remote, Harness.Exact).ToDictionary(c => c.Path, c => c.Kind);

        Assert.Equal(new Dictionary<string, ChangeKind>
        {
            ["d"] = ChangeKind.Converged,
            ["d/same"] = ChangeKind.Converged,
            ["d/differs"] = ChangeKind.Conflict,
            ["only-local"] = ChangeKind.LocalAdded,
            ["only-remote"] = ChangeKind.RemoteAdded,
        }, kinds);
    }

    [Fact]
    public void A_file_against_a_directory_is_a_conflict_even_when_one_side_is_unchanged()
    {
        Assert.Equal(ChangeKind.Conflict, Kind(Old, Dir, Old));
        Assert.Equal(ChangeKind.Conflict, Kind(Dir, Dir, NewRemote));
        Assert.Equal(ChangeKind.Conflict, Kind(null, Dir, NewRemote));
    }

    [Fact]
    public void A_kind_change_against_a_deletion_wins_like_any_modification() =>
        Assert.Equal(ChangeKind.LocalModifiedRemoteDeleted, Kind(Old, Dir, null));

    [Fact]
    public void Directories_are_added_and_deleted_but_never_modified()
    {
        Assert.Equal(ChangeKind.LocalAdded, Kind(null, Dir, null));
        Assert.Equal(ChangeKind.RemoteDeleted, Kind(Dir, Dir, null));
        Assert.Empty(ChangeDetector.Detect(With(Dir), With(EntryState.OfDirectory(5)), With(EntryState.OfDirectory(9)), Harness.Exact));
    }
}
