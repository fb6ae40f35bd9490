using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Sync.Tests.Runs;

/// <summary>A job's stores opened from its spec against Samba: protection asked for in the URL, missing roots.</summary>
public sealed class JobStoresTests(SambaFixture samba) : IClassFixture<SambaFixture>, IDisposable
{
    private readonly string _local = Directory.CreateTempSubdirectory("smbsync-stores-").FullName;

    private static RootPolicy FirstSync(SyncMode mode = SyncMode.Mirror) => new(mode, SyncedPaths: 0, DryRun: false);

    private (string Url, string Disk) NewRemote(string? suffix = null, string share = SambaServer.ShareName)
    {
        var name = "j" + Guid.NewGuid().ToString("N")[..10];
        var disk = Path.Combine(samba.Server.SharePath(share), name);
        Directory.CreateDirectory(disk);
        return ($"smb://{SambaServer.UserName}@127.0.0.1:{samba.Server.Port}/{share}/{name}{suffix}", disk);
    }

    private Task<JobStores> OpenAsync(string url, RootPolicy roots) => JobStores.OpenAsync(
        new JobSpec { Id = "j", LocalPath = _local, Remote = url, Mode = roots.Mode },
        _ => SambaServer.Password, roots, default);

    [Theory]
    [InlineData("", false, false)]
    [InlineData("?protection=sign", true, false)]
    [InlineData("?protection=encrypt", true, true)]
    public async Task The_url_decides_signing_and_encryption(string option, bool signed, bool encrypted)
    {
        var (url, _) = NewRemote(option);

        await using var stores = await OpenAsync(url, FirstSync());

        var remote = Assert.IsType<SmbFileStore>(stores.Remote);
        Assert.Equal((signed, encrypted), (remote.IsSigned, remote.IsEncrypted));
    }

    [Theory]
    [InlineData(SambaServer.ShareName, SyncMode.Upload, false, 0.0000001)]
    [InlineData(SambaServer.CoarseTimesShareName, SyncMode.Mirror, false, 2)]
    [InlineData(SambaServer.CoarseTimesShareName, SyncMode.Download, false, 0.0000001)]
    [InlineData(SambaServer.CoarseTimesShareName, SyncMode.Upload, true, 0.0000001)]
    public async Task The_time_step_of_a_side_the_run_writes_is_measured_and_the_probe_removed(string share, SyncMode mode, bool dryRun, double seconds)
    {
        var (url, disk) = NewRemote(share: share);

        var stores = await OpenAsync(url, new RootPolicy(mode, SyncedPaths: 0, dryRun));
        var whileOpen = Directory.GetFileSystemEntries(disk).Select(Path.GetFileName).ToList();
        await stores.DisposeAsync();

        Assert.Equal(TimeSpan.FromSeconds(seconds), stores.Remote.TimestampPrecision);
        Assert.Equal(TimeSpan.FromTicks(1), stores.Local.TimestampPrecision);
        Assert.Equal(dryRun ? [] : [SmbFileStore.LeaseFileName], whileOpen); // the run's claim on the directory, and no probe
        Assert.Empty(Directory.GetFileSystemEntries(disk));
        Assert.Equal(dryRun ? [] : [RootMarker.FileName], Directory.GetFileSystemEntries(_local).Select(Path.GetFileName)); // the job's mark on its local root
    }

    private Task<JobStores> OpenWithoutPasswordAsync(string option) => JobStores.OpenAsync(
        new JobSpec { Id = "j", LocalPath = _local, Remote = $"smb://nosuchuser@127.0.0.1:{samba.Server.Port}/{SambaServer.GuestShareName}{option}", Mode = SyncMode.Upload },
        _ => null, FirstSync(SyncMode.Upload), default);

    [Fact]
    public async Task A_user_the_node_has_no_default_password_for_is_refused_before_connecting()
    {
        var e = await Assert.ThrowsAsync<MissingCredentialException>(() => OpenWithoutPasswordAsync(""));

        Assert.StartsWith("no password: the default credential is not configured on this node (set SMBSYNC_PASSWORD", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guest_needs_no_password()
    {
        await using var stores = await OpenWithoutPasswordAsync("?guest=true");

        Assert.IsType<SmbFileStore>(stores.Remote);
    }

    [Fact]
    public async Task A_missing_remote_directory_is_created_with_its_parents_before_the_first_sync()
    {
        var (url, disk) = NewRemote();

        await using var stores = await OpenAsync(url + "/a/b", FirstSync(SyncMode.Upload));

        Assert.True(Directory.Exists(Path.Combine(disk, "a", "b")));
    }

    [Fact]
    public async Task A_dry_run_sees_roots_a_real_run_would_create_as_empty_and_creates_neither()
    {
        var (url, disk) = NewRemote();
        var local = Path.Combine(_local, "new");

        await using var stores = await JobStores.OpenAsync(
            new JobSpec { Id = "j", LocalPath = local, Remote = url + "/new", Mode = SyncMode.Mirror }, _ => SambaServer.Password,
            new RootPolicy(SyncMode.Mirror, SyncedPaths: 0, DryRun: true), default);

        Assert.Empty(await stores.Local.ListAsync("", default));
        Assert.Empty(await stores.Remote.ListAsync("", default));
        Assert.False(stores.Remote.IsCaseSensitive);
        Assert.False(Directory.Exists(local));
        Assert.False(Directory.Exists(Path.Combine(disk, "new")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => stores.Remote.CreateDirectoryAsync("x", default));
    }

    [Theory]
    [InlineData(SyncMode.Download, 0, false, "does not exist on share")]
    [InlineData(SyncMode.Mirror, 3, false, "last sync left 3 paths there")]
    public async Task A_missing_remote_directory_is_left_missing_when_the_policy_says_so(SyncMode mode, int synced, bool dryRun, string expected)
    {
        var (url, disk) = NewRemote();
        File.WriteAllText(Path.Combine(_local, RootMarker.FileName), ""); // the local root is the one the job synced

        var e = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => OpenAsync(url + "/gone", new RootPolicy(mode, synced, dryRun)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(disk, "gone")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_empty_local_root_without_its_mark_after_syncs_stops_the_run_before_anything_is_written(bool dryRun)
    {
        var (url, disk) = NewRemote();

        var e = await Assert.ThrowsAsync<RootReplacedException>(() => OpenAsync(url, new RootPolicy(SyncMode.Mirror, SyncedPaths: 40, dryRun)));

        Assert.Equal(_local, e.Root);
        Assert.Empty(Directory.GetFileSystemEntries(_local));
        Assert.Empty(Directory.GetFileSystemEntries(disk)); // no claim left on the share either
    }

    public void Dispose() => Directory.Delete(_local, recursive: true);
}
