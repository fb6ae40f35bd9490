using System.Diagnostics;
using System.Globalization;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Limits;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>
/// How closely a bandwidth limit holds: for each rate, a file of <c>seconds</c> worth uploaded and one
/// downloaded through the executor's <see cref="ActionRunner"/> under that limit, then two uploads at once under
/// one shared (node) limit. Prints the rate achieved over the whole transfer and the slowest and fastest whole
/// second, as a share of the limit.
/// </summary>
internal static class BandwidthBench
{
    private static readonly DateTime Old = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task RunAsync(IReadOnlyList<string> rates, int seconds)
    {
        await using var samba = await SambaServer.StartAsync();
        var options = new SmbClientOptions
        {
            Host = "127.0.0.1", Port = samba.Port,
            Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
        };
        Console.WriteLine($"Samba {samba.Port} on loopback; {seconds} s worth of bytes per transfer");
        Console.WriteLine("limit   case              bytes      time     rate/limit  slowest s  fastest s");
        foreach (var text in rates)
        {
            var rate = BandwidthSchedule.Parse(text).RateAt(DateTime.Now) ?? throw new ArgumentException($"{text} sets no limit");
            foreach (var (name, kind, transfers) in new[] { ("upload", SyncActionKind.Upload, 1), ("download", SyncActionKind.Download, 1), ("2 uploads, shared", SyncActionKind.Upload, 2) })
            {
                var size = rate * seconds / transfers;
                var (elapsed, windows) = await TransferAsync(samba, options, kind, transfers, size, text);
                var achieved = size * transfers / elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{text,-7} {name,-17} {size * transfers,10} {elapsed.TotalSeconds,7:0.000} s {achieved / rate,9:P1} {windows.Min() / rate,10:P1} {windows.Max() / rate,10:P1}"));
            }
        }
    }

    private static async Task<(TimeSpan Elapsed, List<double> Windows)> TransferAsync(
        SambaServer samba, SmbClientOptions options, SyncActionKind kind, int transfers, long size, string limit)
    {
        var local = Directory.CreateTempSubdirectory("smbsync-bench-bw-").FullName;
        var name = "b" + Guid.NewGuid().ToString("N")[..10];
        var disk = Path.Combine(samba.SharePath(), name);
        Directory.CreateDirectory(disk);
        var data = new byte[size];
        Random.Shared.NextBytes(data);
        for (var i = 0; i < transfers; i++)
        {
            var path = Path.Combine(kind == SyncActionKind.Upload ? local : disk, $"f{i}.bin");
            File.WriteAllBytes(path, data);
            File.SetLastWriteTimeUtc(path, Old);
        }
        await using var remote = await SmbFileStore.OpenAsync(options, SambaServer.ShareName, name, default);
        var shared = new BandwidthLimit(BandwidthSchedule.Parse(limit), TimeProvider.System);
        var runner = new ActionRunner(new LocalFileStore(local), remote, new ExecutorOptions { Throttle = TransferThrottle.Of(TimeProvider.System, shared) });
        var clock = Stopwatch.StartNew();
        var bytes = 0L;
        var samples = new List<(double At, long Bytes)> { (0, 0) };
        var results = await Task.WhenAll(Enumerable.Range(0, transfers).Select(i =>
            runner.RunAsync(new SyncAction(kind, $"f{i}.bin") { Expected = new EntryState(EntryKind.File, size, Old.Ticks) }, n =>
            {
                lock (samples)
                {
                    bytes += n;
                    samples.Add((clock.Elapsed.TotalSeconds, bytes));
                }
            }, default)));
        var elapsed = clock.Elapsed;
        if (results.FirstOrDefault(r => r.Failure is not null) is { } failed)
        {
            throw new InvalidOperationException($"{failed.Action.Path}: {failed.Failure!.Message}");
        }
        Directory.Delete(local, recursive: true);
        Directory.Delete(disk, recursive: true);
        return (elapsed, Windows(samples, elapsed.TotalSeconds));
    }

    /// <summary>Bytes per second over each whole second of the transfer (the bytes reported by its end).</summary>
    private static List<double> Windows(List<(double At, long Bytes)> samples, double total)
    {
        long BytesBy(double t) => samples.LastOrDefault(s => s.At <= t).Bytes;
        return [.. Enumerable.Range(0, Math.Max(1, (int)total)).Select(s => (double)(BytesBy(s + 1) - BytesBy(s)))];
    }
}
