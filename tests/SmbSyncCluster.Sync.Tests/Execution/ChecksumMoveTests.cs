using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Sync.Tests.Support;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>Checksum mode finds a move whose time changed on the way by the file's bytes, and only then.</summary>
public sealed class ChecksumMoveTests
{
    private readonly string _local = Directory.CreateTempSubdirectory("smbsync-l-").FullName;
    private readonly string _remote = Directory.CreateTempSubdirectory("smbsync-r-").FullName;
    private readonly SyncCycle _cycle;

    public ChecksumMoveTests() => _cycle = new SyncCycle(new LocalFileStore(_local), new LocalFileStore(_remote));

    /// <summary>A synced pair holding <paramref name="files"/> and a few others, so that no test deletes every tracked file (which the guard holds back).</summary>
    private async Task SyncedAsync(params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files.Concat(Enumerable.Range(0, 3).Select(i => ($"keep/{i}.txt", $"bystander {i}"))))
        {
            Trees.Write(_local, path, content, Trees.Old);
        }
        await _cycle.RunAsync(SyncMode.Mirror, checksum: true);
    }

    /// <summary>What a tool that rewrites a file as it moves it leaves: the same bytes under a new name, with a new time.</summary>
    private void MoveRewritten(string root, string from, string to, DateTime time)
    {
        var content = File.ReadAllText(Path.Combine(root, from));
        File.Delete(Path.Combine(root, from));
        Trees.Write(root, to, content, time);
    }

    [Fact]
    public async Task A_file_moved_with_a_new_time_is_renamed_on_the_other_side_and_given_that_time()
    {
        await SyncedAsync(("docs/report.txt", "quarterly figures"), ("other.txt", "something else entirely"));
        MoveRewritten(_local, "docs/report.txt", "archive/report-2026.txt", Trees.Old.AddDays(2));

        var (withoutChecksum, _) = await _cycle.RunAsync(SyncMode.Mirror, dryRun: true);
        var (plan, result) = await _cycle.RunAsync(SyncMode.Mirror, checksum: true);
        var (after, _) = await _cycle.RunAsync(SyncMode.Mirror, checksum: true, dryRun: true);

        Assert.Equal((0, 1, 1), (withoutChecksum.Summary.Moved, withoutChecksum.Summary.Uploads, withoutChecksum.Summary.DeletesRemote));
        Assert.Equal(["CreateRemoteDirectory archive", "MoveRemote docs/report.txt -> archive/report-2026.txt"], plan.Steps());
        Assert.Equal(0, result!.Uploaded);
        Assert.Equal("quarterly figures", File.ReadAllText(Path.Combine(_remote, "archive/report-2026.txt")));
        Assert.False(File.Exists(Path.Combine(_remote, "docs/report.txt")));
        Assert.Equal(Trees.Old.AddDays(2), File.GetLastWriteTimeUtc(Path.Combine(_remote, "archive/report-2026.txt")));
        Assert.Empty(after.Actions);
    }

    [Fact]
    public async Task A_move_on_the_share_with_a_new_time_is_renamed_locally()
    {
        await SyncedAsync(("a.bin", "payload one"));
        MoveRewritten(_remote, "a.bin", "b.bin", Trees.Old.AddHours(7));

        var (plan, result) = await _cycle.RunAsync(SyncMode.Mirror, checksum: true);

        Assert.Equal(["MoveLocal a.bin -> b.bin"], plan.Steps());
        Assert.Equal(0, result!.Downloaded);
        Assert.Equal("payload one", File.ReadAllText(Path.Combine(_local, "b.bin")));
    }

    [Fact]
    public async Task Same_size_but_other_bytes_is_a_copy_and_a_delete()
    {
        await SyncedAsync(("a.txt", "aaaa"));
        File.Delete(Path.Combine(_local, "a.txt"));
        Trees.Write(_local, "b.txt", "bbbb", Trees.Old.AddDays(1));

        var (plan, _) = await _cycle.RunAsync(SyncMode.Mirror, checksum: true);

        Assert.Equal((0, 1, 1), (plan.Summary.Moved, plan.Summary.Uploads, plan.Summary.DeletesRemote));
        Assert.Equal("bbbb", File.ReadAllText(Path.Combine(_remote, "b.txt")));
        Assert.False(File.Exists(Path.Combine(_remote, "a.txt")));
    }

    [Fact]
    public async Task Two_files_of_the_same_bytes_are_never_taken_for_each_others_move()
    {
        await SyncedAsync(("one.txt", "twin content"), ("two.txt", "twin content"));
        MoveRewritten(_local, "one.txt", "uno.txt", Trees.Old.AddDays(1));
        MoveRewritten(_local, "two.txt", "dos.txt", Trees.Old.AddDays(2));

        var (plan, _) = await _cycle.RunAsync(SyncMode.Mirror, checksum: true);

        Assert.Equal((0, 2, 2), (plan.Summary.Moved, plan.Summary.Uploads, plan.Summary.DeletesRemote));
        Assert.Equal(["dos.txt", "uno.txt"], Directory.GetFiles(_remote).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task In_upload_mode_a_move_on_the_share_is_not_carried_back()
    {
        await SyncedAsync(("a.bin", "payload one"));
        MoveRewritten(_remote, "a.bin", "b.bin", Trees.Old.AddHours(7));

        var (plan, _) = await _cycle.RunAsync(SyncMode.Upload, checksum: true);

        Assert.Equal(0, plan.Summary.Moved);
        Assert.True(File.Exists(Path.Combine(_local, "a.bin")));
        Assert.False(File.Exists(Path.Combine(_local, "b.bin")));
    }
}
