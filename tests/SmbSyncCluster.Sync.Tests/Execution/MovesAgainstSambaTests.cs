using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Support;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>Renames and moves made on either side, carried out as renames between a local directory and a real Samba share.</summary>
public sealed class MovesAgainstSambaTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    /// <summary>Files written a minute apart, so that no two of them look alike.</summary>
    private static void WriteFiles(string root, string directory, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Trees.Write(root, $"{directory}/p{i:D2}.jpg", $"photo {i}", Trees.Old.AddMinutes(i));
        }
    }

    private static void AssertSettled(SyncPlan again) =>
        Assert.DoesNotContain(again.Actions, a => a.Kind is not (SyncActionKind.RecordConverged or SyncActionKind.Skip));

    [Fact]
    public async Task A_directory_renamed_locally_is_renamed_on_the_share_without_the_guard_or_a_copy()
    {
        var (cycle, local, remote, store) = await SambaPairs.NewAsync(samba);
        await using var _ = store;
        WriteFiles(local, "photos/2024", 25);
        await cycle.RunAsync(SyncMode.Mirror);
        Directory.Move(Path.Combine(local, "photos/2024"), Path.Combine(local, "photos/2024-trip"));

        var (plan, result) = await cycle.RunAsync(SyncMode.Mirror);
        var (again, _) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.False(plan.IsRefused, plan.Refusal);
        Assert.Equal("MoveRemote photos/2024 -> photos/2024-trip", Assert.Single(plan.Steps()));
        Assert.Empty(result!.Failures);
        Assert.Equal((25, 0L, 0), (result.Moved, result.BytesTransferred, result.DeletedRemote));
        Assert.Equal(Trees.Snapshot(local), Trees.Snapshot(remote));
        AssertSettled(again);
    }

    [Fact]
    public async Task In_checksum_mode_a_file_rewritten_as_it_moved_is_renamed_on_the_share_and_takes_its_new_time()
    {
        var (cycle, local, remote, store) = await SambaPairs.NewAsync(samba);
        await using var _ = store;
        WriteFiles(local, "photos", 4);
        await cycle.RunAsync(SyncMode.Mirror, checksum: true);
        File.Delete(Path.Combine(local, "photos/p02.jpg"));
        Trees.Write(local, "best/p02.jpg", "photo 2", Trees.Old.AddDays(9));

        var (plan, result) = await cycle.RunAsync(SyncMode.Mirror, checksum: true);
        var (again, _) = await cycle.RunAsync(SyncMode.Mirror, checksum: true);

        Assert.Contains("MoveRemote photos/p02.jpg -> best/p02.jpg", plan.Steps());
        Assert.Empty(result!.Failures);
        Assert.Equal((1, 0L), (result.Moved, result.BytesTransferred));
        Assert.Equal(Trees.Snapshot(local), Trees.Snapshot(remote));
        Assert.Empty(again.Actions);
    }

    [Fact]
    public async Task A_directory_and_a_file_renamed_on_the_share_are_renamed_locally()
    {
        var (cycle, local, remote, store) = await SambaPairs.NewAsync(samba);
        await using var _ = store;
        WriteFiles(local, "albums/summer", 12);
        Trees.Write(local, "notes.txt", "some notes", Trees.Old.AddDays(1));
        await cycle.RunAsync(SyncMode.Mirror);
        Directory.Move(Path.Combine(remote, "albums/summer"), Path.Combine(remote, "albums/summer-2026"));
        File.Move(Path.Combine(remote, "notes.txt"), Path.Combine(remote, "notes-renamed.txt"));

        var (plan, result) = await cycle.RunAsync(SyncMode.Mirror);
        var (again, _) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.Equal(["MoveLocal albums/summer -> albums/summer-2026", "MoveLocal notes.txt -> notes-renamed.txt"], plan.Steps());
        Assert.Empty(result!.Failures);
        Assert.Equal((13, 0L), (result.Moved, result.BytesTransferred));
        Assert.Equal(Trees.Snapshot(local), Trees.Snapshot(remote));
        AssertSettled(again);
    }

    [Fact]
    public async Task A_file_moved_across_directories_on_each_side_is_moved_on_the_other()
    {
        var (cycle, local, remote, store) = await SambaPairs.NewAsync(samba);
        await using var _ = store;
        Trees.Write(local, "inbox/report.pdf", "the report", Trees.Old.AddHours(1));
        Trees.Write(local, "inbox/invoice.pdf", "the invoice", Trees.Old.AddHours(2));
        Trees.Write(local, "archive/keep.txt", "k", Trees.Old.AddHours(3));
        await cycle.RunAsync(SyncMode.Mirror);
        Directory.CreateDirectory(Path.Combine(local, "archive/2026"));
        File.Move(Path.Combine(local, "inbox/report.pdf"), Path.Combine(local, "archive/2026/report.pdf"));
        File.Move(Path.Combine(remote, "inbox/invoice.pdf"), Path.Combine(remote, "archive/invoice.pdf"));

        var (plan, result) = await cycle.RunAsync(SyncMode.Mirror);
        var (again, _) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.Empty(result!.Failures);
        Assert.Equal((2, 0L), (result.Moved, result.BytesTransferred));
        Assert.Contains("MoveRemote inbox/report.pdf -> archive/2026/report.pdf", plan.Steps());
        Assert.Contains("MoveLocal inbox/invoice.pdf -> archive/invoice.pdf", plan.Steps());
        Assert.Equal("the report", Trees.Read(remote, "archive/2026/report.pdf"));
        Assert.Equal(Trees.Snapshot(local), Trees.Snapshot(remote));
        AssertSettled(again);
    }

    [Fact]
    public async Task A_file_renamed_and_edited_ends_with_the_edit_on_both_sides()
    {
        var (cycle, local, remote, store) = await SambaPairs.NewAsync(samba);
        await using var _ = store;
        Trees.Write(local, "draft.txt", "first draft", Trees.Old.AddHours(1));
        Trees.Write(local, "plan.txt", "the plan", Trees.Old.AddHours(2));
        await cycle.RunAsync(SyncMode.Mirror);
        // Renamed and edited on the same side; renamed locally while edited on the share.
        File.Move(Path.Combine(local, "draft.txt"), Path.Combine(local, "final.txt"));
        Trees.Write(local, "final.txt", "final version", Trees.Old.AddHours(5));
        File.Move(Path.Combine(local, "plan.txt"), Path.Combine(local, "plan-v2.txt"));
        Trees.Write(remote, "plan.txt", "the plan, edited on the share", Trees.Old.AddHours(6));

        var (plan, result) = await cycle.RunAsync(SyncMode.Mirror);
        var (again, _) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.Empty(result!.Failures);
        Assert.DoesNotContain(plan.Actions, a => a.Kind is SyncActionKind.MoveLocal or SyncActionKind.MoveRemote);
        Assert.Equal("final version", Trees.Read(remote, "final.txt"));
        Assert.False(File.Exists(Path.Combine(remote, "draft.txt")));
        Assert.Equal("the plan, edited on the share", Trees.Read(local, "plan.txt"));
        Assert.Equal("the plan", Trees.Read(remote, "plan-v2.txt"));
        Assert.Equal(Trees.Snapshot(local), Trees.Snapshot(remote));
        AssertSettled(again);
    }

    [Fact]
    public async Task Two_candidates_for_one_rename_fall_back_to_copy_and_delete()
    {
        var (cycle, local, remote, store) = await SambaPairs.NewAsync(samba);
        await using var _ = store;
        // Same size and time, different bytes: nothing tells which one became the new name.
        Trees.Write(local, "a.txt", "AAAA");
        Trees.Write(local, "b.txt", "BBBB");
        Trees.Write(local, "other.txt", "other");
        await cycle.RunAsync(SyncMode.Mirror);
        File.Move(Path.Combine(local, "b.txt"), Path.Combine(local, "c.txt"));
        File.Delete(Path.Combine(local, "a.txt"));

        var (plan, result) = await cycle.RunAsync(SyncMode.Mirror, force: true);

        Assert.Empty(result!.Failures);
        Assert.Equal((0, 1, 2), (result.Moved, result.Uploaded, result.DeletedRemote));
        Assert.Equal("BBBB", Trees.Read(remote, "c.txt"));
        Assert.Equal(Trees.Snapshot(local), Trees.Snapshot(remote));
        Assert.DoesNotContain(plan.Actions, a => a.Kind is SyncActionKind.MoveLocal or SyncActionKind.MoveRemote);
    }

    [Fact]
    public async Task A_rename_onto_a_name_the_share_already_holds_clobbers_nothing()
    {
        var (cycle, local, remote, store) = await SambaPairs.NewAsync(samba);
        await using var _ = store;
        Trees.Write(local, "a.txt", "local a", Trees.Old.AddHours(1));
        Trees.Write(local, "keep.txt", "kept", Trees.Old.AddHours(3));
        await cycle.RunAsync(SyncMode.Mirror);
        File.Move(Path.Combine(local, "a.txt"), Path.Combine(local, "b.txt"));
        Trees.Write(remote, "b.txt", "the share's own b", Trees.Old.AddHours(2));

        var (_, result) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.Empty(result!.Failures);
        Assert.Equal(0, result.Moved);
        var contents = Directory.GetFiles(remote).Select(f => File.ReadAllText(f)).Order().ToArray();
        Assert.Equal(["kept", "local a", "the share's own b"], contents);
        Assert.Equal(Trees.Snapshot(local), Trees.Snapshot(remote));
    }

    [Fact]
    public async Task A_target_that_appears_on_the_share_after_the_scan_is_not_replaced()
    {
        var (cycle, local, remote, store) = await SambaPairs.NewAsync(samba);
        await using var _ = store;
        Trees.Write(local, "a.txt", "local a", Trees.Old.AddHours(1));
        Trees.Write(local, "keep.txt", "kept", Trees.Old.AddHours(3));
        await cycle.RunAsync(SyncMode.Mirror);
        File.Move(Path.Combine(local, "a.txt"), Path.Combine(local, "b.txt"));

        var (plan, result) = await cycle.RunAsync(SyncMode.Mirror,
            beforeExecute: () => { Trees.Write(remote, "b.txt", "written on the share meanwhile", Trees.Old.AddHours(2)); return Task.CompletedTask; });
        var (next, after) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.Equal("MoveRemote a.txt -> b.txt", Assert.Single(plan.Steps()));
        Assert.Equal("a.txt", Assert.Single(result!.Failures).Action.Path);
        Assert.Equal("written on the share meanwhile", Trees.Read(remote, "b.txt"));
        Assert.Equal(1, next.Summary.Conflicts);
        Assert.Empty(after!.Failures);
        var contents = Directory.GetFiles(local).Select(f => File.ReadAllText(f)).Order().ToArray();
        Assert.Equal(["kept", "local a", "written on the share meanwhile"], contents);
        Assert.Equal(Trees.Snapshot(local), Trees.Snapshot(remote));
    }

    [Fact]
    public async Task A_directory_edited_on_the_share_after_the_scan_is_not_renamed()
    {
        var (cycle, local, remote, store) = await SambaPairs.NewAsync(samba);
        await using var _ = store;
        WriteFiles(local, "d", 3);
        await cycle.RunAsync(SyncMode.Mirror);
        Directory.Move(Path.Combine(local, "d"), Path.Combine(local, "e"));

        var (_, result) = await cycle.RunAsync(SyncMode.Mirror,
            beforeExecute: () => { Trees.Write(remote, "d/p01.jpg", "edited on the share meanwhile", Trees.Old.AddDays(2)); return Task.CompletedTask; });
        await cycle.RunAsync(SyncMode.Mirror);

        Assert.Equal("d", Assert.Single(result!.Failures).Action.Path);
        Assert.Equal("edited on the share meanwhile", Trees.Read(local, "d/p01.jpg"));
        Assert.Equal("photo 1", Trees.Read(local, "e/p01.jpg"));
        Assert.Equal(Trees.Snapshot(local), Trees.Snapshot(remote));
    }

    [Fact]
    public async Task A_new_file_with_the_size_and_time_of_a_deleted_one_but_other_bytes_is_copied_not_renamed()
    {
        var (cycle, local, remote, store) = await SambaPairs.NewAsync(samba);
        await using var _ = store;
        Trees.Write(local, "old.txt", "AAAA");
        Trees.Write(local, "keep.txt", "kept", Trees.Old.AddHours(1));
        await cycle.RunAsync(SyncMode.Mirror);
        File.Delete(Path.Combine(local, "old.txt"));
        Trees.Write(local, "new.txt", "BBBB");

        var (plan, result) = await cycle.RunAsync(SyncMode.Mirror);
        var (again, _) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.Equal("MoveRemote old.txt -> new.txt", Assert.Single(plan.Steps()));
        Assert.Empty(result!.Failures);
        Assert.Equal((0, 1, 1), (result.Moved, result.Uploaded, result.DeletedRemote));
        Assert.Equal("BBBB", Trees.Read(remote, "new.txt"));
        Assert.Equal(Trees.Snapshot(local), Trees.Snapshot(remote));
        AssertSettled(again);
    }
}
