using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// Two runs never sync one directory at once, whoever started them: a local directory is locked per
/// machine user (real processes, one killed by SIGKILL), an SMB directory is leased on the share itself.
/// A refused run exits 3 and names the holder.
/// </summary>
public sealed class RunExclusionTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private readonly string _userData = Directory.CreateTempSubdirectory("smbsync-xdg-").FullName;

    private static string NewDir(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>A CLI process whose per-user directories (where the local locks are) are this test's own.</summary>
    private ProcessStartInfo Cli(params string[] args)
    {
        var info = CliProcess.StartInfo(args, SambaServer.Password);
        info.Environment["XDG_DATA_HOME"] = _userData;
        return info;
    }

    [Fact]
    public async Task A_local_directory_being_synced_is_refused_to_another_run_until_its_holder_dies()
    {
        var local = NewDir("smbsync-local-");
        File.WriteAllText(Path.Combine(local, "a.txt"), "a");
        // A server that accepts the connection and never answers: the first run holds its lock while it waits.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var silentPort = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var holder = Process.Start(Cli("sync", local, $"smb://u@127.0.0.1:{silentPort}/share", "--data-dir", NewDir("smbsync-data-")))!;
        try
        {
            await WaitForOwnerAsync(holder.Id);
            var otherRemote = NewDir("smbsync-remote-");

            var refused = await CliProcess.RunAsync(Cli("sync", local, otherRemote, "--data-dir", NewDir("smbsync-data-"), "--json"));

            Assert.True(refused.Code == 3, refused.ToString());
            Assert.Contains($"local directory '{RealPath.Of(local)}' is being synced by another run", refused.Err, StringComparison.Ordinal);
            Assert.Contains($"process {holder.Id} on ", refused.Err, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(otherRemote));

            holder.Kill(); // SIGKILL: no clean-up of its own
            await holder.WaitForExitAsync();
            var after = await CliProcess.RunAsync(Cli("sync", local, otherRemote, "--data-dir", NewDir("smbsync-data-"), "--json"));

            Assert.True(after.Code == 0, after.ToString());
            Assert.Equal("a", File.ReadAllText(Path.Combine(otherRemote, "a.txt")));
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill();
            }
        }
    }

    [Fact]
    public async Task A_directory_reached_through_a_symbolic_link_is_the_same_lock()
    {
        var real = NewDir("smbsync-real-");
        var link = Path.Combine(NewDir("smbsync-links-"), "alias");
        Directory.CreateSymbolicLink(link, real);
        var locks = NewDir("smbsync-locks-");
        using var held = LocalPathLock.Acquire(real, "job first", locks);

        var busy = Assert.Throws<PlaceBusyException>(() => LocalPathLock.Acquire(link + "/", "job second", locks));

        Assert.Equal("job first", busy.Holder);
    }

    private async Task WaitForOwnerAsync(int pid)
    {
        var locks = Path.Combine(_userData, "smbsync", "locks");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(Directory.Exists(locks) && Directory.GetFiles(locks, "*.owner").Any(f => File.ReadAllText(f).Contains($"process {pid} ", StringComparison.Ordinal))))
        {
            Assert.True(DateTime.UtcNow < deadline, "the first run never took its lock");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_smb_directory_leased_by_another_run_is_refused_until_the_holders_connection_dies()
    {
        var name = "lease-" + Guid.NewGuid().ToString("N")[..8];
        var disk = Path.Combine(samba.Server.SharePath(), name);
        Directory.CreateDirectory(disk);
        File.WriteAllText(Path.Combine(disk, "r.txt"), "remote");
        var url = $"smb://{SambaServer.UserName}@127.0.0.1:{samba.Server.Port}/{SambaServer.ShareName}/{name}";
        var options = new SmbClientOptions
        {
            Host = "127.0.0.1", Port = samba.Server.Port,
            Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
        };
        // Another machine's run: the same claim, through its own connection to the share.
        var other = await SmbFileStore.OpenAsync(options, SambaServer.ShareName, name, default);
        await using var _ = other;
        var lease = await other.LeaseAsync(RunClaims.Owner(new JobSpec { Id = "elsewhere", LocalPath = "/x", Remote = url }, DateTimeOffset.UtcNow), default);
        var local = NewDir("smbsync-local-");

        var refused = await CliProcess.RunAsync(Cli("sync", local, url, "--data-dir", NewDir("smbsync-data-"), "--json"));

        Assert.True(refused.Code == 3, refused.ToString());
        Assert.Contains("is being synced by another run (job elsewhere, process ", refused.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(local));

        samba.Server.KillClientConnections(); // the holder's connection dies with it, as when its machine crashes
        var after = await CliProcess.RunAsync(Cli("sync", local, url, "--data-dir", NewDir("smbsync-data-"), "--json"));

        Assert.True(after.Code == 0, after.ToString());
        Assert.Equal([RootMarker.FileName, "r.txt"], Directory.GetFileSystemEntries(local).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["r.txt"], Directory.GetFileSystemEntries(disk).Select(Path.GetFileName)); // the lease went with the run
        await lease.DisposeAsync().AsTask().ContinueWith(_ => { }, TaskScheduler.Default); // its connection is gone
    }
}
