using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Support;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Planning;

/// <summary>Renames and moves made on one side, planned as renames on the other.</summary>
public sealed class MoveTests
{
    private static (string, EntryState)[] Photos(string directory, int count, int sizeBase = 100) =>
        [(directory, Dir), .. Enumerable.Range(0, count).Select(i => ($"{directory}/p{i}.jpg", File(sizeBase + i, i)))];

    private static SyncPlan Plan(TreeSnapshot synced, TreeSnapshot local, TreeSnapshot remote, SyncMode mode = SyncMode.Mirror, bool force = false)
    {
        var changes = ChangeDetector.Detect(synced, local, remote, Harness.Exact);
        return SyncPlanner.Plan(changes, Harness.Options(mode, tracked: synced.FileCount) with { Force = force });
    }

    [Fact]
    public void A_file_renamed_locally_is_renamed_on_the_remote_and_nothing_is_copied()
    {
        var synced = Tree(("a.txt", File(10, 1)), ("keep.txt", File(5, 2)));
        var renamed = Tree(("b.txt", File(10, 1)), ("keep.txt", File(5, 2)));

        var plan = Plan(synced, renamed, synced);

        Assert.Equal(["MoveRemote a.txt -> b.txt"], plan.Steps());
        Assert.Equal((1, 0, 0, 0L), (plan.Summary.Moved, plan.Summary.Uploads, plan.Summary.DeletesRemote, plan.Summary.UploadBytes));
    }

    [Fact]
    public void A_file_renamed_on_the_remote_is_renamed_locally()
    {
        var synced = Tree(("a.txt", File(10, 1)));

        var plan = Plan(synced, synced, Tree(("b.txt", File(10, 1))));

        Assert.Equal(["MoveLocal a.txt -> b.txt"], plan.Steps());
    }

    [Fact]
    public void The_base_records_what_copying_and_deleting_would_have()
    {
        var synced = Tree(("a.txt", File(10, 1)));
        var local = Tree(("b.txt", File(10, 1)));
        var remoteSeen = File(10, 1) with { ModifiedTicks = Ticks(1) + 3 };
        var changes = ChangeDetector.Detect(synced, local, Tree(("a.txt", remoteSeen)), Harness.Exact with { MtimeTolerance = TimeSpan.FromTicks(5) });
        var move = Assert.Single(SyncPlanner.Plan(changes, Harness.Options(tracked: 1) with { MtimeTolerance = TimeSpan.FromTicks(5) }).Actions);

        var baseState = Tree(("a.txt", File(10, 1)));
        move.RecordIn(baseState);

        Assert.Equal(remoteSeen, move.Expected);
        Assert.Equal([new KeyValuePair<string, EntryState>("b.txt", File(10, 1))], baseState.ToList());
    }

    [Fact]
    public void A_directory_renamed_whole_is_one_rename_that_the_delete_guard_lets_through()
    {
        var synced = Tree(Photos("photos/2024", 25));
        var local = Tree(Photos("photos/2024-trip", 25));
        synced.Add("photos", Dir);
        local.Add("photos", Dir);

        var plan = Plan(synced, local, synced);

        Assert.False(plan.IsRefused, plan.Refusal);
        Assert.Equal(["MoveRemote photos/2024 -> photos/2024-trip"], plan.Steps());
        Assert.Equal((25, 0, 0), (plan.Summary.Moved, plan.Summary.Uploads, plan.Summary.DeletesRemote));
        var baseState = Tree([.. synced.Select(p => (p.Key, p.Value))]);
        plan.Actions[0].RecordIn(baseState);
        Assert.Equal(local.OrderBy(p => p.Key, StringComparer.Ordinal), baseState.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void A_renamed_directory_with_a_new_file_is_renamed_before_the_new_file_is_copied_into_it()
    {
        var synced = Tree(Photos("d", 3));
        var local = Tree([.. Photos("e", 3), ("e/new.jpg", File(999, 50))]);

        var plan = Plan(synced, local, synced);

        Assert.Equal(["MoveRemote d -> e", "Upload e/new.jpg"], plan.Steps());
        var stages = ExecutionStages.Of(plan.Actions).Select(s => string.Join(",", s.Select(a => $"{a.Kind} {a.Path}"))).ToList();
        Assert.Equal(["MoveRemote d", "Upload e/new.jpg"], stages);
    }

    [Fact]
    public void A_renamed_directory_with_an_edited_file_moves_the_others_one_by_one_and_copies_the_edit()
    {
        var synced = Tree(Photos("d", 3));
        var local = Tree(Photos("e", 3));
        local.Set("e/p1.jpg", File(5000, 60));

        var plan = Plan(synced, local, synced);

        Assert.Equal(
            ["DeleteRemote d/p1.jpg", "CreateRemoteDirectory e", "MoveRemote d/p0.jpg -> e/p0.jpg", "MoveRemote d/p2.jpg -> e/p2.jpg", "DeleteRemote d", "Upload e/p1.jpg"],
            plan.Steps());
        Assert.Equal((2, 1, 1), (plan.Summary.Moved, plan.Summary.Uploads, plan.Summary.DeletesRemote));
    }

    [Fact]
    public void A_file_moved_into_a_new_directory_waits_for_the_directory()
    {
        var synced = Tree(("a.txt", File(10, 1)));
        var local = Tree(("new", Dir), ("new/deeper", Dir), ("new/deeper/a.txt", File(10, 1)));

        var plan = Plan(synced, local, synced);

        Assert.Equal(["CreateRemoteDirectory new", "CreateRemoteDirectory new/deeper", "MoveRemote a.txt -> new/deeper/a.txt"], plan.Steps());
        Assert.Equal(
            ["CreateRemoteDirectory new", "CreateRemoteDirectory new/deeper", "MoveRemote a.txt"],
            ExecutionStages.Of(plan.Actions).Where(s => s.Count > 0).Select(s => $"{Assert.Single(s).Kind} {s[0].Path}"));
    }

    [Fact]
    public void A_file_renamed_and_edited_is_copied_and_the_old_one_deleted()
    {
        var synced = Tree(("a.txt", File(10, 1)));

        var plan = Plan(synced, Tree(("b.txt", File(11, 2))), synced);

        Assert.Equal(["DeleteRemote a.txt", "Upload b.txt"], plan.Steps());
    }

    [Fact]
    public void A_file_renamed_on_one_side_and_edited_on_the_other_keeps_the_edit()
    {
        var synced = Tree(("a.txt", File(10, 1)));

        var plan = Plan(synced, Tree(("b.txt", File(10, 1))), Tree(("a.txt", File(12, 9))));

        Assert.Equal(["Download a.txt", "Upload b.txt"], plan.Steps());
    }

    [Fact]
    public void Two_files_that_could_have_gone_to_one_name_are_copied_and_deleted()
    {
        var synced = Tree(("a.txt", File(10, 1)), ("b.txt", File(10, 1)));

        var plan = Plan(synced, Tree(("c.txt", File(10, 1))), synced, force: true);

        Assert.Equal(["DeleteRemote a.txt", "DeleteRemote b.txt", "Upload c.txt"], plan.Steps());
    }

    [Fact]
    public void A_file_that_could_have_gone_to_two_names_is_copied_and_deleted()
    {
        var synced = Tree(("a.txt", File(10, 1)));

        var plan = Plan(synced, Tree(("b.txt", File(10, 1)), ("c.txt", File(10, 1))), synced, force: true);

        Assert.Equal(["DeleteRemote a.txt", "Upload b.txt", "Upload c.txt"], plan.Steps());
    }

    [Fact]
    public void A_directory_copied_twice_then_deleted_is_not_taken_for_either_copy()
    {
        var synced = Tree(Photos("d", 2));
        var local = Tree([.. Photos("e", 2), .. Photos("f", 2)]);

        var plan = Plan(synced, local, synced, force: true);

        Assert.DoesNotContain(plan.Actions, a => a.Kind is SyncActionKind.MoveLocal or SyncActionKind.MoveRemote);
        Assert.Equal(4, plan.Summary.Uploads);
    }

    [Fact]
    public void A_name_taken_on_the_other_side_is_a_conflict_never_a_rename_over_it()
    {
        var synced = Tree(("a.txt", File(10, 1)));

        var plan = Plan(synced, Tree(("b.txt", File(10, 1))), Tree(("a.txt", File(10, 1)), ("b.txt", File(20, 5))));

        Assert.DoesNotContain(plan.Actions, a => a.Kind is SyncActionKind.MoveLocal or SyncActionKind.MoveRemote);
        Assert.Equal(1, plan.Summary.Conflicts);
    }

    [Fact]
    public void A_directory_holding_something_new_on_the_other_side_is_not_renamed_with_it()
    {
        var synced = Tree(Photos("d", 2));
        var remote = Tree([.. Photos("d", 2), ("d/added-there.txt", File(7, 70))]);

        var plan = Plan(synced, Tree(Photos("e", 2)), remote);

        Assert.DoesNotContain(plan.Actions, a => a.Kind is SyncActionKind.MoveLocal or SyncActionKind.MoveRemote && a.Path == "d");
        Assert.Equal("e/p0.jpg", Assert.Single(plan.Actions, a => a.Path == "d/p0.jpg").TargetPath);
    }

    [Theory]
    [InlineData(SyncMode.Upload, 1)]
    [InlineData(SyncMode.Download, 0)]
    public void A_one_way_mode_moves_only_on_the_side_it_writes(SyncMode mode, int moves)
    {
        var synced = Tree(("a.txt", File(10, 1)), ("r.txt", File(20, 2)));
        var local = Tree(("b.txt", File(10, 1)), ("r.txt", File(20, 2)));
        var remote = Tree(("a.txt", File(10, 1)), ("s.txt", File(20, 2)));

        var plan = Plan(synced, local, remote, mode);

        Assert.Equal(moves, plan.Actions.Count(a => a.Kind == SyncActionKind.MoveRemote));
        Assert.DoesNotContain(plan.Actions, a => a.Kind == SyncActionKind.MoveLocal && mode == SyncMode.Upload);
    }

    [Fact]
    public void A_case_only_rename_keeps_the_deletion_first_path_towards_a_share()
    {
        var synced = Tree(("Report.txt", File(10, 1)));
        var changes = ChangeDetector.Detect(synced, Tree(("report.txt", File(10, 1))), synced, Harness.Exact with { RemoteNames = NameRules.Smb });

        var plan = SyncPlanner.Plan(changes, Harness.Options(tracked: 1));

        Assert.Equal(["DeleteRemote Report.txt", "Upload report.txt"], plan.Steps());
    }

    [Fact]
    public void A_move_out_of_a_directory_deleted_on_the_same_side_runs_before_the_deletion()
    {
        var synced = Tree(("old", Dir), ("old/a.txt", File(10, 1)), ("old/b.txt", File(11, 2)));
        var local = Tree(("a.txt", File(10, 1)));

        var plan = Plan(synced, local, synced, force: true);

        Assert.Equal(["DeleteRemote old/b.txt", "MoveRemote old/a.txt -> a.txt", "DeleteRemote old"], plan.Steps());
    }
}
