using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// One-shot syncs of different pairs run side by side on one data directory (real processes, one of
/// them held mid-run), each keeping its own base in the shared journal; a sync of a pair another
/// process is syncing is refused (exit 3, naming the holder), as is a node on the directory.
/// </summary>
public sealed class ConcurrentSyncTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("smbsync-data-").FullName;
    private readonly string _userData = Directory.CreateTempSubdirectory("smbsync-xdg-").FullName;
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);

    public ConcurrentSyncTests() => _silent.Start();

    public void Dispose() => _silent.Dispose();

    private ProcessStartInfo Cli(params string[] args)
    {
        var info = CliProcess.StartInfo(args, "secret");
        info.Environment["XDG_DATA_HOME"] = _userData;
        return info;
    }

    private static (string Local, string Remote) NewPair(int files)
    {
        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        for (var i = 0; i < files; i++)
        {
            File.WriteAllText(Path.Combine(local, $"f{i:D3}.txt"), $"file {i}");
        }
        return (local, Directory.CreateTempSubdirectory("smbsync-remote-").FullName);
    }

    /// <summary>A sync that holds the data directory and its job while it waits on a server that never answers.</summary>
    private async Task<(Process Process, string Local, string Remote)> StartHeldSyncAsync()
    {
        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        var remote = $"smb://u@127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}/share";
        var holder = Process.Start(Cli("sync", local, remote, "--data-dir", _data))!;
        var jobs = Path.Combine(_data, "jobs");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(Directory.Exists(jobs) && Directory.GetFiles(jobs, "*.owner").Any(f => File.ReadAllText(f).Contains($"process {holder.Id} ", StringComparison.Ordinal))))
        {
            Assert.True(DateTime.UtcNow < deadline && !holder.HasExited, "the held sync never claimed its job");
            await Task.Delay(50);
        }
        return (holder, local, remote);
    }

    [Fact]
    public async Task Syncs_of_different_pairs_run_at_once_on_one_data_directory_and_each_keeps_its_base()
    {
        var (holder, _, _) = await StartHeldSyncAsync();
        try
        {
            var pairs = Enumerable.Range(0, 3).Select(_ => NewPair(60)).ToArray();

            var first = await Task.WhenAll(pairs.Select(p => CliProcess.RunAsync(Cli("sync", p.Local, p.Remote, "--data-dir", _data, "--json"))));

            Assert.All(first, run => Assert.True(run.Code == 0 && run.Count("uploaded") == 60, run.ToString()));
            foreach (var (local, remote) in pairs)
            {
                File.Delete(Path.Combine(local, "f007.txt"));
            }

            var second = await Task.WhenAll(pairs.Select(p => CliProcess.RunAsync(Cli("sync", p.Local, p.Remote, "--data-dir", _data, "--json"))));

            // A deletion is only propagated by a sync that knows the file was synced: each base survived the others' writes.
            Assert.All(second, run => Assert.True(run.Code == 0 && run.Count("deletedRemote") == 1, run.ToString()));
            Assert.All(pairs, p => Assert.False(File.Exists(Path.Combine(p.Remote, "f007.txt"))));
            Assert.False(holder.HasExited);
        }
        finally
        {
            holder.Kill();
        }
    }

    [Fact]
    public async Task A_restore_in_a_pair_a_sync_holds_exits_3_naming_the_sync_and_changes_nothing()
    {
        var (holder, local, remote) = await StartHeldSyncAsync();
        try
        {
            // The directories' lock, which the run takes once its job is claimed: the one a restore takes too.
            var locks = Path.Combine(_userData, "smbsync", "locks");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!(Directory.Exists(locks) && Directory.GetFiles(locks, "*.owner").Any(f => File.ReadAllText(f).Contains($"process {holder.Id} ", StringComparison.Ordinal))))
            {
                Assert.True(DateTime.UtcNow < deadline && !holder.HasExited, "the held sync never locked its local directory");
                await Task.Delay(50);
            }
            var version = Path.Combine(local, ".smbsync-versions", "report~20200101-000000-000.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(version)!);
            File.WriteAllText(version, "kept");
            File.WriteAllText(Path.Combine(local, "report.txt"), "current");

            var refused = await CliProcess.RunAsync(Cli("restore", local, remote, "report.txt", "report~20200101-000000-000.txt", "--side", "local"));

            Assert.True(refused.Code == 3, refused.ToString());
            Assert.Single(refused.Err.Trim().Split('\n'));
            Assert.Contains($"local directory '{local}' is being synced by another run (job sync-", refused.Err, StringComparison.Ordinal);
            Assert.Contains($", process {holder.Id} on ", refused.Err, StringComparison.Ordinal);
            Assert.Equal("current", File.ReadAllText(Path.Combine(local, "report.txt")));
            Assert.Equal("kept", File.ReadAllText(version));
        }
        finally
        {
            holder.Kill();
        }
    }

    [Fact]
    public async Task An_interrupt_while_waiting_for_the_pair_ends_the_wait_with_the_same_refusal()
    {
        var (holder, local, remote) = await StartHeldSyncAsync();
        try
        {
            using var waiting = Process.Start(Cli("sync", local, remote, "--data-dir", _data))!;
            var stderr = waiting.StandardError.ReadToEndAsync();
            // It describes itself beside the data directory's lock once it holds it, just before it asks for the pair.
            var owner = Path.Combine(_data, "lock.owner");
            for (var deadline = DateTime.UtcNow.AddSeconds(30); !File.ReadAllText(owner).Contains($"process {waiting.Id} ", StringComparison.Ordinal); await Task.Delay(20))
            {
                Assert.True(DateTime.UtcNow < deadline && !waiting.HasExited, "the second sync never took the data directory");
            }
            using (var term = Process.Start("kill", ["-TERM", waiting.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            await waiting.WaitForExitAsync();

            Assert.True(waiting.ExitCode == 3, await stderr);
            var err = (await stderr).Trim();
            Assert.Single(err.Split('\n'));
            Assert.Contains(" is being synced by another run (job ", err, StringComparison.Ordinal);
        }
        finally
        {
            holder.Kill();
        }
    }

    [Fact]
    public async Task A_sync_of_a_pair_another_process_is_syncing_exits_3_naming_it_and_a_node_is_kept_out()
    {
        var (holder, local, remote) = await StartHeldSyncAsync();
        try
        {
            var same = await CliProcess.RunAsync(Cli("sync", local, remote, "--data-dir", _data, "--json"));
            var node = await CliProcess.RunAsync(Cli("node", "--data-dir", _data, "--port", $"{FreePort.Next()}", "--http", $"http://127.0.0.1:{FreePort.Next()}"));

            Assert.True(same.Code == 3, same.ToString());
            Assert.Contains($"'{local}' with '{remote}' is being synced by another run (job ", same.Err, StringComparison.Ordinal);
            Assert.Contains($", process {holder.Id} on ", same.Err, StringComparison.Ordinal);
            Assert.Single(same.Err.Trim().Split('\n'));
            Assert.True(node.Code == 2, node.ToString());
            Assert.StartsWith($"smbsync: another smbsync process is using the data directory '{_data}' (process ", node.Err.Trim(), StringComparison.Ordinal);
        }
        finally
        {
            holder.Kill();
        }
        await holder.WaitForExitAsync();

        // SIGKILL left no lock behind: the data directory is free for a node again.
        var after = NodeProcess.Start(CliProcess.Executable, _data, []);
        await using (after)
        {
            await after.WaitReadyAsync();
        }
    }
}
