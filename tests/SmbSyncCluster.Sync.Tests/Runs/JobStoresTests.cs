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

    private (string Url, string Disk) NewRemote(string? suffix = null)
    {
        var name = "j" + Guid.NewGuid().ToString("N")[..10];
        var disk = Path.Combine(samba.Server.SharePath(), name);
        Directory.CreateDirectory(disk);
        return ($"smb://{SambaServer.UserName}@127.0.0.1:{samba.Server.Port}/{SambaServer.ShareName}/{name}{suffix}", disk);
    }

    private Task<JobStores> OpenAsync(string url, RootPolicy roots) => JobStores.OpenAsync(
        new JobSpec { Id = "j", LocalPath = _local, Remote = url, Mode = roots.Mode.ToString().ToLowerInvariant() },
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

    [Fact]
    public async Task A_missing_remote_directory_is_created_with_its_parents_before_the_first_sync()
    {
        var (url, disk) = NewRemote();

        await using var stores = await OpenAsync(url + "/a/b", FirstSync(SyncMode.Upload));

        Assert.True(Directory.Exists(Path.Combine(disk, "a", "b")));
    }

    [Theory]
    [InlineData(SyncMode.Download, 0, false, "does not exist on share")]
    [InlineData(SyncMode.Mirror, 3, false, "last sync left 3 paths there")]
    [InlineData(SyncMode.Mirror, 0, true, "(a real run creates it)")]
    public async Task A_missing_remote_directory_is_left_missing_when_the_policy_says_so(SyncMode mode, int synced, bool dryRun, string expected)
    {
        var (url, disk) = NewRemote();

        var e = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => OpenAsync(url + "/gone", new RootPolicy(mode, synced, dryRun)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(disk, "gone")));
    }

    public void Dispose() => Directory.Delete(_local, recursive: true);
}
