using System.Diagnostics;
using System.Security.Cryptography;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>
/// A large upload interrupted half way and resumed, end to end: one file of <c>size-mib</c> MiB (1 GiB by
/// default) uploaded by the <c>smbsync</c> CLI into a loopback Samba through a proxy that counts the bytes
/// each way; the process is killed (SIGKILL) once the copy's temporary file on the share holds half of it,
/// then the same sync runs again. Prints what each process sent and the resumed share of the file, which
/// must stay at most 55%, and checks the result is byte-identical.
/// </summary>
internal static class ResumeBench
{
    public static async Task RunAsync(int sizeMiB, int runs, string? shareDirectory)
    {
        await using var samba = await SambaServer.StartAsync(SambaOptions.Default with { Parent = shareDirectory });
        await using var proxy = new LatencyProxy(samba.Port, TimeSpan.Zero);
        var work = Directory.CreateTempSubdirectory("smbsync-resume-").FullName;
        try
        {
            Console.WriteLine("publishing smbsync (Release)...");
            var executable = await SmbSyncCli.PublishExecutableAsync();
            var ours = await SmbSyncCli.PublishAsync(proxy.Port);
            var size = sizeMiB * 1024L * 1024;
            var local = Path.Combine(work, "local");
            Directory.CreateDirectory(local);
            BenchProgram.WriteRandomFile(Path.Combine(local, "big.bin"), size);
            var sourceHash = Hash(Path.Combine(local, "big.bin"));
            for (var run = 1; run <= runs; run++)
            {
                var remote = $"resume-{run}";
                var onShare = Path.Combine(samba.SharePath(), remote);
                Directory.CreateDirectory(onShare);
                var data = Path.Combine(work, $"data-{run}");
                var before = proxy.BytesToServer;
                var atKill = await KillHalfWayAsync(executable, proxy.Port, local, remote, data, onShare, size);
                var firstSent = proxy.BytesToServer - before;
                before = proxy.BytesToServer;
                var (process, summary) = await ours.UploadAsync(local, remote, data);
                var resumedSent = proxy.BytesToServer - before;
                EndToEndBench.Expect(summary.Failed == 0, $"resumed sync: {summary}");
                EndToEndBench.Expect(Hash(Path.Combine(onShare, "big.bin")) == sourceHash, "the resumed file differs from its source");
                var share = resumedSent * 100.0 / size;
                Console.WriteLine(
                    $"run {run}: killed with {atKill / 1048576.0:N0} MiB of {sizeMiB:N0} MiB on the share ({firstSent / 1048576.0:N0} MiB sent); " +
                    $"resumed sync sent {resumedSent / 1048576.0:N1} MiB = {share:N1}% of the file in {process.Wall.TotalSeconds:N1} s");
                EndToEndBench.Expect(share <= 55, $"the resumed sync sent {share:N1}% of the file, over 55%");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Starts the upload and kills the process once the partial file holds half of it; returns its size then.</summary>
    private static async Task<long> KillHalfWayAsync(string executable, int port, string local, string remote, string data, string onShare, long size)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "sync", local, $"smb://{SambaServer.UserName}@127.0.0.1:{port}/{SambaServer.ShareName}/{remote}", "--mode", "upload", "--json", "--data-dir", data })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SMBSYNC_PASSWORD"] = SambaServer.Password;
        using var process = Process.Start(start)!;
        for (var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5); DateTime.UtcNow < deadline && !process.HasExited; await Task.Delay(1))
        {
            if (Partial(onShare) is { } partial && new FileInfo(partial).Length >= size / 2)
            {
                break;
            }
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        var left = Partial(onShare) ?? throw new InvalidOperationException("the kill did not land mid-copy");
        return new FileInfo(left).Length;
    }

    private static string? Partial(string directory) => Directory.GetFiles(directory, ".smbsync-*-ffffffffffff-*.partial").SingleOrDefault();

    private static string Hash(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(file));
    }
}
