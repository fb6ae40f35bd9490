using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// <c>smbsync sync --watch</c> as a real process against Samba: a first full sync, then what another SMB
/// client writes on the share and what is written locally arrive by themselves, one JSON summary per run;
/// SIGTERM ends it with exit 0.
/// </summary>
public sealed class WatchCliTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    private static async Task UntilAsync(Func<bool> condition, string what, Process process, StringBuilder err)
    {
        for (var deadline = DateTime.UtcNow + Arrival; !condition(); await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline && !process.HasExited, $"{what} never happened; stderr: {err}");
        }
    }

    private static (Process Process, StringBuilder Out, StringBuilder Err) StartWatching(SambaPair pair, int? inotifyWatches = null)
    {
        var (stdout, stderr) = (new StringBuilder(), new StringBuilder());
        var info = CliProcess.StartInfo(pair.Args("--watch"), SambaServer.Password);
        if (inotifyWatches is { } limit)
        {
            // In a user namespace of its own the process may be given a lower inotify limit than the machine's,
            // without touching any other process's.
            var limited = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in (string[])["--user", "--map-root-user", "sh", "-c", $"echo {limit} > /proc/sys/user/max_inotify_watches && exec \"$0\" \"$@\"", info.FileName, .. info.ArgumentList])
            {
                limited.ArgumentList.Add(arg);
            }
            foreach (var (name, value) in info.Environment)
            {
                limited.Environment[name] = value;
            }
            info = limited;
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (stdout) { stdout.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, stdout, stderr);
    }

    private static async Task TerminateAsync(Process process)
    {
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }
        using (var timeout = new CancellationTokenSource(Arrival))
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        process.WaitForExit(); // the output's last lines
    }

    [Fact]
    public async Task A_change_made_while_the_watch_connection_was_down_is_found_by_the_rescan_after_it_is_back()
    {
        var pair = SambaPair.New(samba.Server);
        File.WriteAllText(Path.Combine(pair.Local, "first.txt"), "first");
        var (process, _, stderr) = StartWatching(pair);
        using var _ = process;
        try
        {
            await UntilAsync(() => File.Exists(Path.Combine(pair.RemoteDisk, "first.txt")), "the first full sync", process, stderr);

            samba.Server.KillClientConnections(); // the watch's connection is gone: changes from now on are not told
            File.WriteAllText(Path.Combine(pair.RemoteDisk, "during.txt"), "written while nobody watched");

            await UntilAsync(() => File.Exists(Path.Combine(pair.Local, "during.txt")), "the rescan after the reconnect", process, stderr);
        }
        finally
        {
            await TerminateAsync(process);
        }
        Assert.Contains("remote side: watching stopped", File.ReadAllText(Path.Combine(pair.Data, "smbsync.log")), StringComparison.Ordinal);
        // Said where the user looks too, once.
        var said = stderr.ToString().Split('\n').Where(l => l.StartsWith("smbsync: remote side: watching stopped", StringComparison.Ordinal)).ToList();
        Assert.True(said.Count == 1, stderr.ToString());
    }

    [Fact]
    public async Task A_local_tree_beyond_the_kernels_inotify_limit_is_said_once_and_what_is_watched_still_arrives()
    {
        var pair = SambaPair.New(samba.Server);
        for (var i = 0; i < 12; i++)
        {
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(pair.Local, $"d{i:D2}")).FullName, "f.txt"), "x");
        }
        var (process, _, stderr) = StartWatching(pair, inotifyWatches: 4); // 13 directories to watch
        using var _ = process;
        try
        {
            await UntilAsync(() => File.Exists(Path.Combine(pair.RemoteDisk, "d11", "f.txt")), "the first full sync", process, stderr);
            File.WriteAllText(Path.Combine(pair.Local, "later.txt"), "at the root, which is watched");
            await UntilAsync(() => File.Exists(Path.Combine(pair.RemoteDisk, "later.txt")), "a change at the watched root", process, stderr);
        }
        finally
        {
            await TerminateAsync(process);
        }
        var said = stderr.ToString().Split('\n').Where(l => l.StartsWith("smbsync: local side: the local watcher failed", StringComparison.Ordinal)).ToList();
        Assert.True(said.Count == 1, stderr.ToString());
        Assert.Contains("max_user_watches", said[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_watch_carries_changes_from_another_smb_client_and_from_the_local_side_until_sigterm()
    {
        var pair = SambaPair.New(samba.Server);
        File.WriteAllText(Path.Combine(pair.Local, "first.txt"), "first");
        var outside = Path.Combine(Directory.CreateTempSubdirectory("smbsync-put-").FullName, "from-smbclient.txt");
        File.WriteAllText(outside, "written by another client");
        var (process, stdout, stderr) = StartWatching(pair);
        using var _ = process;
        try
        {
            await UntilAsync(() => File.Exists(Path.Combine(pair.RemoteDisk, "first.txt")), "the first full sync", process, stderr);
            samba.Server.SmbClient(SambaServer.ShareName, $"put {outside} {Path.GetFileName(pair.RemoteDisk)}/from-smbclient.txt");
            await UntilAsync(() => File.Exists(Path.Combine(pair.Local, "from-smbclient.txt")), "the share's new file reaching the local side", process, stderr);
            Directory.CreateDirectory(Path.Combine(pair.Local, "later"));
            File.WriteAllText(Path.Combine(pair.Local, "later", "local.txt"), "written locally");
            await UntilAsync(() => File.Exists(Path.Combine(pair.RemoteDisk, "later", "local.txt")), "the local file reaching the share", process, stderr);
            await Task.Delay(1500); // any echo of the last run's writes would come now
        }
        finally
        {
            await TerminateAsync(process);
        }

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}; stderr: {stderr}");
        Assert.Equal("written by another client", File.ReadAllText(Path.Combine(pair.Local, "from-smbclient.txt")));
        Assert.Equal("written locally", File.ReadAllText(Path.Combine(pair.RemoteDisk, "later", "local.txt")));
        var runs = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.True(runs.Count >= 3, stdout.ToString());
        Assert.True(runs[0].GetProperty("firstSync").GetBoolean());
        // Every run printed synced something: those that only saw their own writes come back are not shown.
        Assert.All(runs, r => Assert.True(r.GetProperty("uploaded").GetInt32() + r.GetProperty("downloaded").GetInt32() > 0, r.ToString()));
    }
}
