namespace SmbSyncCluster.Node.Tests;

/// <summary>The sync verb's multi-core JIT profile: kept in the user's cache, never in the way of a sync.</summary>
public sealed class StartupProfileTests
{
    [Fact]
    public async Task A_sync_records_its_profile_in_the_cache_and_syncs_without_it_while_another_process_holds_it()
    {
        var cache = Directory.CreateTempSubdirectory("smbsync-cache-").FullName;
        var profile = Path.Combine(cache, "smbsync", "sync.jitprofile");

        var first = await SyncAsync(cache);
        Assert.True(first.Code == 0, first.ToString());
        Assert.True(File.Exists(profile) && new FileInfo(profile).Length > 0, "no profile recorded");

        var recorded = File.GetLastWriteTimeUtc(profile);
        using (new FileStream(Path.Combine(cache, "smbsync", "sync.lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var second = await SyncAsync(cache);
            Assert.True(second.Code == 0, second.ToString());
        }
        Assert.Equal(recorded, File.GetLastWriteTimeUtc(profile)); // the process without the lock left it alone

        var third = await SyncAsync(cache);
        Assert.True(third.Code == 0, third.ToString());
        Assert.True(File.GetLastWriteTimeUtc(profile) > recorded, "the profile was not recorded again");
    }

    private static Task<CliResult> SyncAsync(string cache)
    {
        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        File.WriteAllText(Path.Combine(local, "a.txt"), "a");
        var info = CliProcess.StartInfo(
            ["sync", local, Directory.CreateTempSubdirectory("smbsync-remote-").FullName, "--data-dir", Directory.CreateTempSubdirectory("smbsync-data-").FullName, "--json"],
            password: null);
        info.Environment["XDG_CACHE_HOME"] = cache;
        return CliProcess.RunAsync(info);
    }
}
