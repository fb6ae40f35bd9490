using System.Diagnostics;
using System.Globalization;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>
/// Watch mode end to end: <c>smbsync sync LOCAL REMOTE --watch</c> (this tree's published executable) against a
/// loopback Samba, directly or through a proxy adding round-trip time. Measures how long a change takes to arrive
/// on the other side, one change at a time with the default debounce: a file written locally until it is on the
/// share's disk, and a file written on the share by another SMB client until it is in the local directory; then
/// the watching process's CPU while idle. Also what the in-memory part of a scoped run (the base's entries in
/// scope, then detection) costs for one changed directory in jobs tracking 1,000 and 1,000,000 paths.
/// </summary>
internal static class WatchBench
{
    public static async Task RunAsync(int changes, int latencyUs)
    {
        ScopedDetection(1_000);
        ScopedDetection(1_000_000);
        var executable = await SmbSyncCli.PublishExecutableAsync();
        await using var samba = await SambaServer.StartAsync();
        await using var proxy = latencyUs > 0 ? new LatencyProxy(samba.Port, TimeSpan.FromMicroseconds(latencyUs / 2.0)) : null;
        var port = proxy?.Port ?? samba.Port;
        var name = "w" + Guid.NewGuid().ToString("N")[..10];
        var disk = Path.Combine(samba.SharePath(), name);
        Directory.CreateDirectory(disk);
        var local = Directory.CreateTempSubdirectory("smbsync-bench-watch-").FullName;
        var data = Directory.CreateTempSubdirectory("smbsync-bench-data-").FullName;
        File.WriteAllText(Path.Combine(local, "ready.txt"), "ready");
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "sync", local, $"smb://{SambaServer.UserName}@127.0.0.1:{port}/{SambaServer.ShareName}/{name}", "--data-dir", data, "--json", "--watch" })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["SMBSYNC_PASSWORD"] = SambaServer.Password;
        using var watcher = Process.Start(info)!;
        watcher.OutputDataReceived += (_, _) => { };
        watcher.ErrorDataReceived += (_, _) => { };
        watcher.BeginOutputReadLine();
        watcher.BeginErrorReadLine();
        try
        {
            await ArrivalAsync(Path.Combine(disk, "ready.txt"), TimeSpan.FromSeconds(60));
            Console.WriteLine($"Samba {samba.Port} on loopback{(latencyUs > 0 ? $" through a proxy adding {latencyUs} us of round-trip time" : "")}; {changes} changes each way, one at a time");
            var upward = new List<double>();
            for (var i = 0; i < changes; i++)
            {
                var clock = Stopwatch.StartNew();
                await File.WriteAllTextAsync(Path.Combine(local, $"l{i:D4}.txt"), $"local change {i}");
                await ArrivalAsync(Path.Combine(disk, $"l{i:D4}.txt"), TimeSpan.FromSeconds(60));
                upward.Add(clock.Elapsed.TotalSeconds);
            }
            Report("local -> share", upward);
            await using var other = await SmbShareClient.ConnectAsync(new SmbClientOptions
            {
                Host = "127.0.0.1", Port = samba.Port,
                Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
            }, SambaServer.ShareName);
            var downward = new List<double>();
            for (var i = 0; i < changes; i++)
            {
                var clock = Stopwatch.StartNew();
                await other.WriteAllBytesAsync($"{name}/r{i:D4}.txt", System.Text.Encoding.UTF8.GetBytes($"remote change {i}"));
                await ArrivalAsync(Path.Combine(local, $"r{i:D4}.txt"), TimeSpan.FromSeconds(60));
                downward.Add(clock.Elapsed.TotalSeconds);
            }
            Report("share -> local (another client)", downward);
            await Task.Delay(TimeSpan.FromSeconds(3)); // the last runs and their echoes
            watcher.Refresh();
            var cpuBefore = watcher.TotalProcessorTime;
            var idle = TimeSpan.FromSeconds(30);
            await Task.Delay(idle);
            watcher.Refresh();
            var cpu = watcher.TotalProcessorTime - cpuBefore;
            Console.WriteLine($"{"idle CPU over " + idle.TotalSeconds + " s",-34}{cpu.TotalMilliseconds,8:0} ms  = {cpu / idle * 100,6:0.00} % of a core");
        }
        finally
        {
            watcher.Kill();
            await watcher.WaitForExitAsync();
            Directory.Delete(local, recursive: true);
        }
    }

    private static async Task ArrivalAsync(string path, TimeSpan limit)
    {
        for (var deadline = DateTime.UtcNow + limit; !File.Exists(path); await Task.Delay(5))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} never arrived");
            }
        }
    }

    private static void Report(string what, List<double> seconds)
    {
        var sorted = seconds.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-34}p50 {At(0.5),6:0.000} s   p95 {At(0.95),6:0.000} s   max {sorted[^1],6:0.000} s"));
    }

    /// <summary>A scoped run's in-memory work for one changed directory of 40 files: the base's entries in scope, then detection.</summary>
    private static void ScopedDetection(int paths)
    {
        var baseState = new TreeSnapshot();
        for (var i = 0; i < paths; i++)
        {
            baseState.Add($"projects/client-{i / 40_000:D2}/module-{i / 2_000 % 20:D2}/component-{i / 40 % 50:D2}/file-{i:D7}.txt", EntryState.OfFile(i, i));
        }
        var changed = "projects/client-00/module-00/component-00";
        var scope = new ScanScope();
        scope.Changed(changed + "/file-0000001.txt", contentMayDiffer: false);
        var scanned = new TreeSnapshot();
        foreach (var (path, state) in baseState)
        {
            if (path.StartsWith(changed + "/", StringComparison.Ordinal))
            {
                scanned.Add(path, path.EndsWith("0000001.txt", StringComparison.Ordinal) ? EntryState.OfFile(state.Size + 1, state.ModifiedTicks + 1) : state);
            }
        }
        var options = new DetectionOptions { MtimeTolerance = TimeSpan.FromTicks(1) };
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var known = scope.Within(baseState);
            ChangeDetector.Detect(known, scanned, scanned, options);
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{$"scoped detection, {paths:N0} tracked",-34}{best.TotalMilliseconds,8:0.0} ms (one directory changed)"));
    }
}
