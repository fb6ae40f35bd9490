using Akka.Actor;
using Akka.TestKit.Xunit2;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>
/// A run against a real smbd that is killed and started again mid-run: a short outage is ridden out (the
/// clients reconnect, the items in flight are retried from a clean temporary file) and nothing fails; one
/// longer than the reconnect budget aborts the run naming the server, and the next run finishes the work.
/// The class has its own smbd, which its tests stop.
/// </summary>
public sealed class SmbOutageTests(SambaFixture samba) : TestKit, IClassFixture<SambaFixture>
{
    private const int Files = 600;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private (JobSpec Spec, string Local, string RemoteDisk) NewJob()
    {
        var name = "outage-" + Guid.NewGuid().ToString("N")[..8];
        var local = Directory.CreateTempSubdirectory("smbsync-outage-").FullName;
        for (var i = 0; i < Files; i++)
        {
            File.WriteAllText(Path.Combine(local, $"f{i:000}.txt"), $"file {i} " + new string('x', i));
        }
        // Large enough for the streamed path, which a drop interrupts mid-file.
        File.WriteAllBytes(Path.Combine(local, "big.bin"), [.. Enumerable.Range(0, 3 * 1024 * 1024).Select(i => (byte)(i * 7))]);
        var remote = $"smb://{SambaServer.UserName}@127.0.0.1:{samba.Server.Port}/{SambaServer.ShareName}/{name}";
        return (new JobSpec { Id = name, LocalPath = local, Remote = remote, Mode = SyncMode.Upload, Workers = 1 }, local,
            Path.Combine(samba.Server.SharePath(), name));
    }

    private IActorRef StartRun(JobSpec spec, string runId, TimeSpan reconnectBudget) =>
        ChildActorOf(RunActor.Props(
            new RunOrder(spec, runId, DryRun: false, Force: false, MaxDeletePercent: null, Paused: false),
            new TreeSnapshot(),
            new RunEnvironment
            {
                Dispatcher = "akka.actor.default-dispatcher",
                Passwords = _ => SambaServer.Password,
                Executor = new ExecutorOptions { ReconnectBudget = reconnectBudget },
                BatchInterval = TimeSpan.FromMilliseconds(50),
            }));

    /// <summary>Stops smbd once <paramref name="copied"/> files are on the share, mid-run.</summary>
    private async Task StopWhenCopiedAsync(string remoteDisk, int copied)
    {
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(5))
        {
            if (Directory.Exists(remoteDisk) && Directory.GetFiles(remoteDisk, "f*.txt").Length >= copied)
            {
                await samba.Server.StopAsync();
                return;
            }
        }
        var (_, end) = this.CollectRun(Wait);
        throw new TimeoutException($"the run never copied enough to be interrupted: it ended with '{end.AbortReason}'");
    }

    private static async Task AssertSameTreeAsync(string local, string remoteDisk)
    {
        // The run gives its claim back as its actor stops, just after it reported its end.
        var lease = Path.Combine(remoteDisk, SmbFileStore.LeaseFileName);
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10); File.Exists(lease) && DateTime.UtcNow < deadline; await Task.Delay(20))
        {
        }
        var localFiles = Directory.GetFiles(local).Select(Path.GetFileName).Where(f => !RootMarker.IsMarker(f!)).Order(StringComparer.Ordinal).ToList();
        var remoteFiles = Directory.GetFiles(remoteDisk).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        // nothing missing, no temporary file left behind
        Assert.True(localFiles.SequenceEqual(remoteFiles),
            $"only local: {string.Join(", ", localFiles.Except(remoteFiles))}; only remote: {string.Join(", ", remoteFiles.Except(localFiles))}");
        Assert.All(localFiles, f => Assert.Equal(File.ReadAllBytes(Path.Combine(local, f!)), File.ReadAllBytes(Path.Combine(remoteDisk, f!))));
    }

    [Fact]
    public async Task A_server_restarted_for_a_few_seconds_mid_run_is_ridden_out_and_nothing_fails()
    {
        var (spec, local, remoteDisk) = NewJob();
        StartRun(spec, "r1", TimeSpan.FromSeconds(30));

        await StopWhenCopiedAsync(remoteDisk, 100);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await samba.Server.StartAgainAsync();
        var (batches, end) = this.CollectRun(Wait);

        Assert.Null(end.AbortReason);
        Assert.Empty(batches.SelectMany(b => b.Errors));
        Assert.Equal(Files + 1, batches.Sum(b => b.Counts.Uploaded));
        await AssertSameTreeAsync(local, remoteDisk);
    }

    [Fact]
    public async Task An_outage_past_the_reconnect_budget_aborts_the_run_naming_the_server_and_the_next_run_finishes()
    {
        var (spec, local, remoteDisk) = NewJob();
        StartRun(spec, "r1", TimeSpan.FromSeconds(2));
        try
        {
            await StopWhenCopiedAsync(remoteDisk, 100);
            var (_, end) = this.CollectRun(Wait);

            Assert.NotNull(end.AbortReason);
            Assert.Contains($"127.0.0.1:{samba.Server.Port}", end.AbortReason, StringComparison.Ordinal);
        }
        finally
        {
            await samba.Server.StartAgainAsync();
        }

        StartRun(spec, "r2", TimeSpan.FromSeconds(2));
        var (batches, next) = this.CollectRun(Wait);

        Assert.Null(next.AbortReason);
        Assert.Empty(batches.SelectMany(b => b.Errors));
        await AssertSameTreeAsync(local, remoteDisk);
    }
}
