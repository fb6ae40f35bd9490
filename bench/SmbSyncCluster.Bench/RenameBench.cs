using System.Security.Cryptography;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>
/// A renamed directory, end to end: <c>files</c> files of <c>file-kib</c> KiB (by default 1,000 of 1 MiB,
/// 1 GiB) synced once by the <c>smbsync</c> CLI in upload mode into a loopback Samba, then the local
/// directory renamed and synced again, <c>runs</c> times. The CLI reaches Samba through a proxy that
/// counts the bytes each way, so the figures are the whole process's wall clock, the run's own duration
/// from its summary, and what went over the wire. Each run must report every file moved, nothing copied
/// and nothing deleted, and leave the share's directory under the new name, complete.
/// </summary>
internal static class RenameBench
{
    public static async Task RunAsync(int files, int fileKiB, int runs, string? shareDirectory)
    {
        await using var samba = await SambaServer.StartAsync(SambaOptions.Default with { Parent = shareDirectory });
        await using var proxy = new LatencyProxy(samba.Port, TimeSpan.Zero);
        var work = Directory.CreateTempSubdirectory("smbsync-renames-").FullName;
        try
        {
            Console.WriteLine("publishing smbsync (Release)...");
            var ours = await SmbSyncCli.PublishAsync(proxy.Port);
            var local = Path.Combine(work, "local");
            var data = Path.Combine(work, "data");
            var name = "2024";
            WriteFiles(Path.Combine(local, "photos", name), files, fileKiB);
            Directory.CreateDirectory(Path.Combine(samba.SharePath(), "renames"));
            var (first, initial) = await ours.UploadAsync(local, "renames", data);
            EndToEndBench.Expect(initial.Uploaded == files && initial.Failed == 0, $"first sync: {initial}");
            Console.WriteLine($"first sync: {files:N0} files, {initial.BytesTransferred / 1048576.0:N0} MiB in {first.Wall.TotalSeconds:N1} s");

            for (var run = 1; run <= runs; run++)
            {
                var renamed = $"2024-trip-{run}";
                Directory.Move(Path.Combine(local, "photos", name), Path.Combine(local, "photos", renamed));
                name = renamed;
                var (sent, received) = (proxy.BytesToServer, proxy.BytesToClient);
                var (process, summary) = await ours.UploadAsync(local, "renames", data);
                (sent, received) = (proxy.BytesToServer - sent, proxy.BytesToClient - received);
                EndToEndBench.Expect(summary is { Failed: 0, Uploaded: 0, DeletedRemote: 0, BytesTransferred: 0 } && summary.Moved == files, $"renamed sync: {summary}");
                var onShare = Path.Combine(samba.SharePath(), "renames", "photos", name);
                EndToEndBench.Expect(Directory.GetFiles(onShare).Length == files, $"the share's {onShare} does not hold the {files} files");
                Console.WriteLine(
                    $"rename {run}: {summary.Moved:N0} files moved in {process.Wall.TotalMilliseconds:N0} ms (process), {summary.DurationMs:N0} ms (run); " +
                    $"{sent / 1024.0:N1} KiB sent, {received / 1024.0:N1} KiB received");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Random files a second apart, as a camera leaves them.</summary>
    private static void WriteFiles(string directory, int files, int fileKiB)
    {
        Directory.CreateDirectory(directory);
        var payload = new byte[fileKiB * 1024];
        var taken = new DateTime(2024, 7, 1, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < files; i++)
        {
            RandomNumberGenerator.Fill(payload);
            var path = Path.Combine(directory, $"IMG_{i:D4}.jpg");
            File.WriteAllBytes(path, payload);
            File.SetLastWriteTimeUtc(path, taken.AddSeconds(i));
        }
    }
}
