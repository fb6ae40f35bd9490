using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>
/// SMB client benchmarks against a throwaway loopback Samba, side by side with smbclient:
/// 1 GiB upload and download, and 4,000 small files pipelined versus one request at a time.
/// Usage: dotnet run -c Release --project bench/SmbSyncCluster.Bench [-- [--size-mib N] [--files N] [--runs N] [--latency-us N] [--share-dir DIR]]
/// or [-- detect [--paths N]] for three-way detection over N tracked paths (see <see cref="DetectionBench"/>),
/// or [-- snapshot [--paths N]] for a job snapshot's size, encode and decode time (see <see cref="SnapshotBench"/>),
/// or [-- e2e [--runs N] [--share-dir DIR] [--small-files N]] for the smbsync CLI end to end against rclone and smbclient (see <see cref="EndToEndBench"/>),
/// or [-- kerberos [--connections N]] for connect + tree connect with NTLM and Kerberos against a Samba AD DC (see <see cref="KerberosBench"/>),
/// or [-- versions [--files N] [--runs N]] for what keeping versions costs deletes and replacements on a share (see <see cref="VersionsBench"/>),
/// or [-- bwlimit [--rates 512K,4M,32M] [--seconds N]] for how closely a bandwidth limit holds both ways (see <see cref="BandwidthBench"/>),
/// or [-- renames [--files N] [--file-kib N] [--runs N] [--share-dir DIR]] for a renamed directory synced end to end (see <see cref="RenameBench"/>),
/// or [-- resume [--size-mib N] [--runs N] [--share-dir DIR]] for a large upload killed half way and resumed (see <see cref="ResumeBench"/>),
/// or [-- watch [--changes N] [--latency-us N]] for how fast a watched sync carries a change each way, and its idle CPU (see <see cref="WatchBench"/>),
/// or [-- failover [--runs N] [--jobs N] [--files N] [--config HOCON-FILE]] for how long a SIGKILLed node's jobs stay stopped (see <see cref="FailoverBench"/>).
/// (--latency-us repeats the small-file test through a proxy that adds that round-trip time, as a LAN would).
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "detect":
                DetectionBench.Run(Option(args, "--paths", 1_000_000));
                return 0;
            case "snapshot":
                SnapshotBench.Run(Option(args, "--paths", 1_000_000));
                return 0;
            case "e2e":
                await EndToEndBench.RunAsync(Option(args, "--runs", 3), TextOption(args, "--share-dir"), Option(args, "--small-files", 4000));
                return 0;
            case "kerberos":
                await KerberosBench.RunAsync(Option(args, "--connections", 200));
                return 0;
            case "versions":
                await VersionsBench.RunAsync(Option(args, "--files", 2000), Option(args, "--runs", 3));
                return 0;
            case "bwlimit":
                await BandwidthBench.RunAsync((TextOption(args, "--rates") ?? "512K,4M,32M").Split(','), Option(args, "--seconds", 4));
                return 0;
            case "renames":
                await RenameBench.RunAsync(Option(args, "--files", 1000), Option(args, "--file-kib", 1024), Option(args, "--runs", 3), TextOption(args, "--share-dir"));
                return 0;
            case "resume":
                await ResumeBench.RunAsync(Option(args, "--size-mib", 1024), Option(args, "--runs", 2), TextOption(args, "--share-dir"));
                return 0;
            case "watch":
                await WatchBench.RunAsync(Option(args, "--changes", 200), Option(args, "--latency-us", 0));
                return 0;
            case "failover":
                await FailoverBench.RunAsync(Option(args, "--runs", 5), Option(args, "--jobs", 8), Option(args, "--files", 1000), TextOption(args, "--config"));
                return 0;
        }
        var sizeMiB = Option(args, "--size-mib", 1024);
        var files = Option(args, "--files", 4000);
        var runs = Option(args, "--runs", 3);
        var latencyUs = Option(args, "--latency-us", 0);
        await using var samba = await SambaServer.StartAsync(SambaOptions.Default with { Parent = TextOption(args, "--share-dir") });
        var options = new SmbClientOptions
        {
            Host = "127.0.0.1",
            Port = samba.Port,
            Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
        };
        var work = Directory.CreateTempSubdirectory("smbsync-bench-").FullName;
        try
        {
            var source = Path.Combine(work, "source.bin");
            WriteRandomFile(source, sizeMiB * 1024L * 1024);
            Console.WriteLine($"Samba {samba.Port} on loopback; {runs} runs each, best shown; file {sizeMiB} MiB, {files} small files of 4 KiB");
            Console.WriteLine();
            await LargeFileAsync(samba, options, source, runs);
            Console.WriteLine();
            await SmallFilesAsync(options, files, runs);
            if (latencyUs > 0)
            {
                await using var proxy = new LatencyProxy(samba.Port, TimeSpan.FromMicroseconds(latencyUs / 2.0));
                Console.WriteLine();
                Console.WriteLine($"through a proxy adding {latencyUs} us of round-trip time:");
                await SmallFilesAsync(options with { Port = proxy.Port }, files, runs);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return 0;
    }

    private static async Task LargeFileAsync(SambaServer samba, SmbClientOptions options, string source, int runs)
    {
        var size = new FileInfo(source).Length;
        var download = source + ".down";
        await using var client = await SmbShareClient.ConnectAsync(options, SambaServer.ShareName);
        var ours = new Measure("smbsync client");
        var theirs = new Measure("smbclient");
        for (var run = 0; run < runs; run++)
        {
            ours.Upload.Add(await TimeAsync(async () =>
            {
                await using var file = await client.CreateAsync("big-ours.bin");
                await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await file.WriteFromFileAsync(input, 0, input.Length);
            }));
            ours.Download.Add(await TimeAsync(async () =>
            {
                await using var file = await client.OpenReadAsync("big-ours.bin");
                await using var stream = file.AsStream();
                await using var output = new FileStream(download, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
                await stream.CopyToAsync(output, 4 << 20);
            }));
            Check(source, download);
            theirs.Upload.Add(await TimeAsync(() => Task.Run(() => samba.SmbClient(SambaServer.ShareName, $"put {source} big-theirs.bin"))));
            theirs.Download.Add(await TimeAsync(() => Task.Run(() => samba.SmbClient(SambaServer.ShareName, $"get big-theirs.bin {download}"))));
            Check(source, download);
        }
        Console.WriteLine($"{"1 GiB-class file",-24}{"upload MiB/s",14}{"download MiB/s",16}");
        foreach (var m in new[] { ours, theirs })
        {
            Console.WriteLine($"{m.Name,-24}{Rate(size, m.Upload.Min()),14}{Rate(size, m.Download.Min()),16}");
        }
        await client.DeleteFileAsync("big-ours.bin");
        await client.DeleteFileAsync("big-theirs.bin");
    }

    private static async Task SmallFilesAsync(SmbClientOptions options, int count, int runs)
    {
        await using var client = await SmbShareClient.ConnectAsync(options, SambaServer.ShareName);
        var payload = RandomNumberGenerator.GetBytes(4096);
        var modes = new (string Name, Func<string, Task> Write)[]
        {
            // What a synchronous client does: CREATE, WRITE and CLOSE each wait for their response.
            ("one request at a time", async dir =>
            {
                for (var i = 0; i < count; i++)
                {
                    await using var file = await client.CreateAsync($"{dir}/d{i / 100}/f{i}");
                    await file.WriteAsync(0, payload);
                }
            }),
            ("compounded, one file at a time", async dir =>
            {
                for (var i = 0; i < count; i++)
                {
                    await client.WriteAllBytesAsync($"{dir}/d{i / 100}/f{i}", payload);
                }
            }),
            ("compounded + 128 in flight", dir => Parallel.ForEachAsync(Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = 128 },
                async (i, ct) => await client.WriteAllBytesAsync($"{dir}/d{i / 100}/f{i}", payload, ct: ct))),
        };
        var best = new TimeSpan[modes.Length];
        Array.Fill(best, TimeSpan.MaxValue);
        for (var run = 0; run < runs; run++)
        {
            for (var m = 0; m < modes.Length; m++)
            {
                // 100 files a directory, as in a real tree: Samba's case-insensitive lookups make each
                // create scan its directory, so one huge directory would measure that instead of the client.
                var dir = $"small-{run}-{m}";
                await client.CreateDirectoryAsync(dir);
                for (var d = 0; d < (count + 99) / 100; d++)
                {
                    await client.CreateDirectoryAsync($"{dir}/d{d}");
                }
                var elapsed = await TimeAsync(() => modes[m].Write(dir));
                best[m] = elapsed < best[m] ? elapsed : best[m];
            }
        }
        Console.WriteLine($"{count} x 4 KiB, one connection{"files/s",16}{"vs first",10}");
        for (var m = 0; m < modes.Length; m++)
        {
            Console.WriteLine($"{modes[m].Name,-32}{count / best[m].TotalSeconds,16:F0}{best[0] / best[m],9:F1}x");
        }
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var sw = Stopwatch.StartNew();
        await action();
        return sw.Elapsed;
    }

    private static string Rate(long bytes, TimeSpan t) => (bytes / 1048576.0 / t.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);

    private static void Check(string a, string b)
    {
        using var fa = File.OpenRead(a);
        using var fb = File.OpenRead(b);
        if (!SHA256.HashData(fa).AsSpan().SequenceEqual(SHA256.HashData(fb)))
        {
            throw new InvalidOperationException("downloaded file differs from the source");
        }
    }

    internal static void WriteRandomFile(string path, long size)
    {
        using var f = File.Create(path);
        var block = new byte[4 << 20];
        for (long done = 0; done < size; done += block.Length)
        {
            RandomNumberGenerator.Fill(block);
            f.Write(block, 0, (int)Math.Min(block.Length, size - done));
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? TextOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed record Measure(string Name)
    {
        public List<TimeSpan> Upload { get; } = [];
        public List<TimeSpan> Download { get; } = [];
    }
}
