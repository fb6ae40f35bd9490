using SmbSyncCluster.Contracts;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Sync.Tests.Execution;
using SmbSyncCluster.Sync.Versions;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Versions;

/// <summary>Versions kept, pruned and restored between a local directory and a directory on a real Samba share.</summary>
public sealed class VersionsAgainstSambaTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 20, 15, 0, 123, TimeSpan.Zero);
    private const string Stamp = "20261207-201500-123";
    private readonly FixedClock _clock = new(Now);

    private sealed record Pair(SyncCycle Cycle, string Local, string Remote, LocalFileStore LocalStore, SmbFileStore RemoteStore) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => RemoteStore.DisposeAsync();
    }

    private async Task<Pair> NewPairAsync(bool keepVersions = true, Func<IFileStore, IFileStore>? wrapLocal = null)
    {
        var (local, remote, store) = await SambaPairs.OpenAsync(samba);
        var localStore = new LocalFileStore(local);
        var cycle = new SyncCycle(wrapLocal is null ? localStore : wrapLocal(localStore), store)
        {
            Executor = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxAttempts = 1, KeepVersions = keepVersions, Clock = _clock },
        };
        return new Pair(cycle, local, remote, localStore, store);
    }

    private static string Area(string root, string path = "") => Path.Combine(root, VersionNames.Area, path);

    /// <summary>The synced tree: everything but the versions area.</summary>
    private static SortedDictionary<string, string> Synced(string root) =>
        new(Trees.Snapshot(root).Where(e => !e.Key.StartsWith(VersionNames.Area, StringComparison.Ordinal)).ToDictionary(), StringComparer.Ordinal);

    /// <summary>Files that stay, so that deleting one file is not most of the tree (which the max-delete guard refuses).</summary>
    private static void WriteOthers(string root)
    {
        Trees.Write(root, "other-1.txt", "stays");
        Trees.Write(root, "other-2.txt", "stays");
    }

    [Fact]
    public async Task Mirror_keeps_what_it_deletes_or_overwrites_on_the_side_that_loses_it()
    {
        await using var pair = await NewPairAsync();
        Trees.Write(pair.Local, "docs/up.txt", "up v1");
        Trees.Write(pair.Local, "docs/down.txt", "down v1");
        Trees.Write(pair.Local, "gone-remote.txt", "deleted remotely, lost locally");
        Trees.Write(pair.Local, "gone-local.txt", "deleted locally, lost remotely");
        await pair.Cycle.RunAsync(SyncMode.Mirror);

        Trees.Write(pair.Local, "docs/up.txt", "up v2", Trees.Old.AddHours(1));
        Trees.Write(pair.Remote, "docs/down.txt", "down v2", Trees.Old.AddHours(1));
        File.Delete(Path.Combine(pair.Remote, "gone-remote.txt"));
        File.Delete(Path.Combine(pair.Local, "gone-local.txt"));
        var (_, result) = await pair.Cycle.RunAsync(SyncMode.Mirror);
        var (third, _) = await pair.Cycle.RunAsync(SyncMode.Mirror);

        Assert.Empty(result!.Failures);
        Assert.Equal((1, 1), (result.DeletedLocal, result.DeletedRemote));
        Assert.Equal("up v1", Trees.Read(Area(pair.Remote), $"docs/up~{Stamp}.txt"));
        Assert.Equal("deleted locally, lost remotely", Trees.Read(Area(pair.Remote), $"gone-local~{Stamp}.txt"));
        Assert.Equal("down v1", Trees.Read(Area(pair.Local), $"docs/down~{Stamp}.txt"));
        Assert.Equal("deleted remotely, lost locally", Trees.Read(Area(pair.Local), $"gone-remote~{Stamp}.txt"));
        Assert.Equal(2, Directory.GetFiles(Area(pair.Local), "*", SearchOption.AllDirectories).Length);
        Assert.Equal(2, Directory.GetFiles(Area(pair.Remote), "*", SearchOption.AllDirectories).Length);
        Assert.Equal(Synced(pair.Local), Synced(pair.Remote));
        Assert.Equal(Trees.Old, File.GetLastWriteTimeUtc(Path.Combine(Area(pair.Local), $"docs/down~{Stamp}.txt")));
        Assert.DoesNotContain(third.Actions, a => a.Kind is not (SyncActionKind.RecordConverged or SyncActionKind.Skip));
    }

    [Fact]
    public async Task A_conflict_with_versions_on_still_keeps_both_versions_beside_each_other()
    {
        await using var pair = await NewPairAsync();
        Trees.Write(pair.Local, "both.txt", "base");
        await pair.Cycle.RunAsync(SyncMode.Mirror);

        Trees.Write(pair.Local, "both.txt", "local edit", Trees.Old.AddHours(2));
        Trees.Write(pair.Remote, "both.txt", "remote edit, newer", Trees.Old.AddHours(3));
        var (plan, result) = await pair.Cycle.RunAsync(SyncMode.Mirror);

        Assert.Empty(result!.Failures);
        Assert.Equal(1, plan.Summary.Conflicts);
        Assert.Equal("remote edit, newer", Trees.Read(pair.Local, "both.txt"));
        var copy = Assert.Single(Directory.GetFiles(pair.Local, "both*").Select(Path.GetFileName), n => n != "both.txt");
        Assert.Equal("local edit", Trees.Read(pair.Local, copy!));
        Assert.Equal(Synced(pair.Local), Synced(pair.Remote));
    }

    [Theory]
    [InlineData(SyncMode.Upload)]
    [InlineData(SyncMode.Download)]
    public async Task A_one_way_run_keeps_versions_on_the_side_it_writes(SyncMode mode)
    {
        await using var pair = await NewPairAsync();
        var (source, target) = mode == SyncMode.Upload ? (pair.Local, pair.Remote) : (pair.Remote, pair.Local);
        Trees.Write(source, "edit.txt", "v1");
        Trees.Write(source, "delete.txt", "bye");
        await pair.Cycle.RunAsync(mode);

        Trees.Write(source, "edit.txt", "v2", Trees.Old.AddHours(1));
        File.Delete(Path.Combine(source, "delete.txt"));
        var (_, result) = await pair.Cycle.RunAsync(mode);

        Assert.Empty(result!.Failures);
        Assert.Equal("v2", Trees.Read(target, "edit.txt"));
        Assert.False(File.Exists(Path.Combine(target, "delete.txt")));
        Assert.Equal("v1", Trees.Read(Area(target), $"edit~{Stamp}.txt"));
        Assert.Equal("bye", Trees.Read(Area(target), $"delete~{Stamp}.txt"));
        Assert.False(Directory.Exists(Area(source)));
    }

    [Fact]
    public async Task With_versions_off_deletes_and_overwrites_keep_nothing()
    {
        await using var pair = await NewPairAsync(keepVersions: false);
        Trees.Write(pair.Local, "edit.txt", "v1");
        Trees.Write(pair.Local, "delete.txt", "bye");
        await pair.Cycle.RunAsync(SyncMode.Mirror);

        Trees.Write(pair.Local, "edit.txt", "v2", Trees.Old.AddHours(1));
        File.Delete(Path.Combine(pair.Local, "delete.txt"));
        var (_, result) = await pair.Cycle.RunAsync(SyncMode.Mirror);

        Assert.Equal((1, 1), (result!.Uploaded, result.DeletedRemote));
        Assert.False(Directory.Exists(Area(pair.Remote)));
        Assert.False(Directory.Exists(Area(pair.Local)));
    }

    [Fact]
    public async Task The_area_is_never_synced_and_removing_it_plans_nothing()
    {
        await using var pair = await NewPairAsync();
        Trees.Write(pair.Local, "a.txt", "a");
        for (var i = 0; i < 20; i++)
        {
            Trees.Write(Area(pair.Local), $"x{i}~20261101-000000-000.txt", "old");
        }
        Trees.Write(Area(pair.Remote, "sub"), "nested.txt", "not a version, still not synced");
        var (first, _) = await pair.Cycle.RunAsync(SyncMode.Mirror);

        Directory.Delete(Area(pair.Local), recursive: true);
        var (second, _) = await pair.Cycle.RunAsync(SyncMode.Mirror);

        Assert.DoesNotContain(first.Actions, a => VersionNames.IsInArea(a.Path));
        Assert.Single(Directory.GetFiles(Area(pair.Remote), "*", SearchOption.AllDirectories));
        Assert.False(second.IsRefused);
        Assert.DoesNotContain(second.Actions, a => a.Kind is not (SyncActionKind.RecordConverged or SyncActionKind.Skip));
        Assert.DoesNotContain(second.Actions, a => VersionNames.IsInArea(a.Path));
    }

    [Fact]
    public async Task An_overwrite_whose_final_rename_fails_puts_the_old_file_back()
    {
        // The replace check runs (and with it what the executor does right before the final rename), then the
        // rename fails, as a full disk or a lost connection would make it.
        await using var pair = await NewPairAsync(wrapLocal: store => new FaultyStore(store, (_, _) => null)
        {
            Replace = (path, replace) => async token =>
            {
                await replace(token);
                throw new IOException($"'{path}': the final rename failed");
            },
        });
        Trees.Write(pair.Local, "docs/keep.txt", "local v1");
        await pair.Cycle.RunAsync(SyncMode.Mirror);

        Trees.Write(pair.Remote, "docs/keep.txt", "remote v2", Trees.Old.AddHours(1));
        var (_, result) = await pair.Cycle.RunAsync(SyncMode.Mirror);

        Assert.Single(result!.Failures);
        Assert.Equal("local v1", Trees.Read(pair.Local, "docs/keep.txt"));
        Assert.Empty(Directory.GetFiles(Area(pair.Local), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_local_area_that_is_a_link_to_elsewhere_takes_nothing_out_of_the_root()
    {
        await using var pair = await NewPairAsync();
        Trees.Write(pair.Local, "delete.txt", "stays");
        WriteOthers(pair.Local);
        await pair.Cycle.RunAsync(SyncMode.Mirror);
        var outside = Directory.CreateTempSubdirectory("smbsync-outside-").FullName;
        Directory.CreateSymbolicLink(Area(pair.Local), outside);

        File.Delete(Path.Combine(pair.Remote, "delete.txt"));
        var (_, result) = await pair.Cycle.RunAsync(SyncMode.Mirror);

        Assert.Single(result!.Failures);
        Assert.Equal("stays", Trees.Read(pair.Local, "delete.txt"));
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Fact]
    public async Task Pruning_removes_versions_past_their_time_on_the_share_and_nothing_else()
    {
        await using var pair = await NewPairAsync();
        var area = Area(pair.Remote);
        Trees.Write(area, "docs/old~20261001-000000-000.txt", "old");
        Trees.Write(area, "docs/fresh~20261201-000000-000.txt", "fresh");
        Trees.Write(area, "docs/notes.txt", "a user's file in the area");
        Trees.Write(area, "docs/odd~2020.txt", "not a version name");
        Trees.Write(area, "gone/deep/x~20200101-000000-000.bin", "old, alone in its directories");

        var pruned = await VersionArea.PruneAsync(pair.RemoteStore, Now.UtcDateTime.AddDays(-30), default);

        Assert.Equal(2, pruned);
        Assert.Equal(
            ["docs/fresh~20261201-000000-000.txt", "docs/notes.txt", "docs/odd~2020.txt"],
            Directory.GetFiles(area, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(area, f)).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(area, "gone")));
    }

    [Fact]
    public async Task Pruning_a_local_area_follows_no_link_out_of_it()
    {
        await using var pair = await NewPairAsync();
        var outside = Directory.CreateTempSubdirectory("smbsync-outside-").FullName;
        Trees.Write(outside, "victim~20200101-000000-000.txt", "outside the root");
        Trees.Write(Area(pair.Local), "old~20200101-000000-000.txt", "old");
        Directory.CreateSymbolicLink(Area(pair.Local, "link"), outside);

        var pruned = await VersionArea.PruneAsync(pair.LocalStore, Now.UtcDateTime.AddDays(-30), default);

        Assert.Equal(1, pruned);
        Assert.True(File.Exists(Path.Combine(outside, "victim~20200101-000000-000.txt")));
    }

    [Fact]
    public async Task A_restore_puts_a_version_back_keeps_the_current_file_and_the_next_run_syncs_it()
    {
        await using var pair = await NewPairAsync();
        Trees.Write(pair.Local, "docs/report.txt", "v1");
        await pair.Cycle.RunAsync(SyncMode.Mirror);
        Trees.Write(pair.Local, "docs/report.txt", "v2", Trees.Old.AddHours(1));
        await pair.Cycle.RunAsync(SyncMode.Mirror);

        var listed = await VersionArea.ListAsync(pair.RemoteStore, "docs/report.txt", default);
        var later = Now.UtcDateTime.AddHours(1);
        var kept = await VersionArea.RestoreAsync(pair.RemoteStore, "docs/report.txt", Assert.Single(listed).Name, later, default);
        _clock.Now = Now.AddHours(2);
        var (_, result) = await pair.Cycle.RunAsync(SyncMode.Mirror);

        Assert.Equal(($"report~{Stamp}.txt", 2L, Now.UtcDateTime), (listed[0].Name, listed[0].Size, listed[0].KeptUtc));
        Assert.Equal(".smbsync-versions/docs/report~20261207-211500-123.txt", kept);
        Assert.Equal("v2", Trees.Read(Area(pair.Remote), "docs/report~20261207-211500-123.txt"));
        Assert.Equal(1, result!.Downloaded);
        Assert.Equal("v1", Trees.Read(pair.Local, "docs/report.txt"));
        Assert.Equal("v2", Trees.Read(Area(pair.Local), "docs/report~20261207-221500-123.txt"));
        Assert.Equal(Synced(pair.Local), Synced(pair.Remote));
    }

    [Fact]
    public async Task A_deleted_file_is_restored_with_its_directory_and_synced_back()
    {
        await using var pair = await NewPairAsync();
        Trees.Write(pair.Local, "gone/deep/file.txt", "keep me");
        WriteOthers(pair.Local);
        await pair.Cycle.RunAsync(SyncMode.Mirror);
        Directory.Delete(Path.Combine(pair.Remote, "gone"), recursive: true);
        await pair.Cycle.RunAsync(SyncMode.Mirror);
        Assert.False(Directory.Exists(Path.Combine(pair.Local, "gone")));

        var version = Assert.Single(await VersionArea.ListAsync(pair.LocalStore, "gone/deep/file.txt", default));
        var kept = await VersionArea.RestoreAsync(pair.LocalStore, "gone/deep/file.txt", version.Name, Now.UtcDateTime, default);
        var (_, result) = await pair.Cycle.RunAsync(SyncMode.Mirror);

        Assert.Null(kept);
        Assert.Equal(1, result!.Uploaded);
        Assert.Equal("keep me", Trees.Read(pair.Remote, "gone/deep/file.txt"));
        Assert.Empty(await VersionArea.ListAsync(pair.LocalStore, "gone/deep/file.txt", default));
    }

    [Theory]
    [InlineData("docs/report.txt", "../report~20261207-201500-123.txt")]
    [InlineData("docs/report.txt", "sub/report~20261207-201500-123.txt")]
    [InlineData("docs/report.txt", "other~20261207-201500-123.txt")]
    [InlineData("docs/report.txt", "report.txt")]
    [InlineData("../report.txt", "report~20261207-201500-123.txt")]
    [InlineData(".smbsync-versions/docs/report.txt", "report~20261207-201500-123.txt")]
    public async Task A_restore_refuses_what_is_no_version_of_the_path_and_changes_nothing(string path, string version)
    {
        await using var pair = await NewPairAsync();
        Trees.Write(pair.Remote, "docs/report.txt", "current");
        Trees.Write(Area(pair.Remote), $"docs/report~{Stamp}.txt", "old");
        var before = Trees.Snapshot(pair.Remote);

        await Assert.ThrowsAsync<ArgumentException>(() => VersionArea.RestoreAsync(pair.RemoteStore, path, version, Now.UtcDateTime, default));

        Assert.Equal(before, Trees.Snapshot(pair.Remote));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_file_written_while_a_restore_runs_is_not_replaced_and_nothing_is_lost(bool onRemote)
    {
        await using var pair = await NewPairAsync();
        var root = onRemote ? pair.Remote : pair.Local;
        Trees.Write(root, "docs/report.txt", "current");
        Trees.Write(Area(root), $"docs/report~{Stamp}.txt", "old");
        // Someone writes the file just before the version is renamed into its place: a race the restore must lose.
        var racing = new FaultyStore(onRemote ? pair.RemoteStore : pair.LocalStore, (_, _) => null)
        {
            BeforeRename = (from, to) =>
            {
                if (to == "docs/report.txt" && VersionNames.IsInArea(from))
                {
                    File.WriteAllText(Path.Combine(root, "docs", "report.txt"), "written meanwhile");
                }
            },
        };

        var failed = await Assert.ThrowsAnyAsync<Exception>(() =>
            VersionArea.RestoreAsync(racing, "docs/report.txt", $"report~{Stamp}.txt", Now.UtcDateTime.AddHours(1), default));

        Assert.Equal(VersionFailureKind.Unavailable, VersionFailure.Of(failed)?.Kind);
        Assert.Equal("written meanwhile", Trees.Read(root, "docs/report.txt"));
        Assert.Equal("old", Trees.Read(Area(root), $"docs/report~{Stamp}.txt"));
        Assert.Equal("current", Trees.Read(Area(root), "docs/report~20261207-211500-123.txt"));
    }

    [Fact]
    public async Task A_restore_of_a_version_that_is_not_there_changes_nothing()
    {
        await using var pair = await NewPairAsync();
        Trees.Write(pair.Remote, "docs/report.txt", "current");
        var before = Trees.Snapshot(pair.Remote);

        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            VersionArea.RestoreAsync(pair.RemoteStore, "docs/report.txt", "report~20200101-000000-000.txt", Now.UtcDateTime, default));

        Assert.Equal(before, Trees.Snapshot(pair.Remote));
    }
}
