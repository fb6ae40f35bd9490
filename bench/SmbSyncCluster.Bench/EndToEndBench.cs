using System.Security.Cryptography;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>
/// The <c>smbsync sync</c> CLI end to end, side by side with rclone and smbclient on one throwaway
/// loopback Samba, each timed as a whole process (start-up and shutdown included), best of N runs:
/// 4,000 files of 4 KiB (or as many as asked) into an empty directory (smbsync in upload mode with a fresh --data-dir vs
/// <c>rclone sync --transfers 8</c>), the same again with nothing changed (smbsync reusing its data
/// directory), and one 1 GiB file (vs <c>smbclient put</c> and <c>rclone copy</c>). After every timed
/// run the share's directory on disk is checked against the source (count, bytes, content digest), and
/// the no-op runs must report that they transferred nothing.
/// </summary>
internal static class EndToEndBench
{
    private const int FilesPerDirectory = 400;
    private const int SmallFileSize = 4096;
    private const long LargeFileSize = 1L << 30;

    private static readonly Scenario LargeUpload = new("1 GiB file upload", LargeFileSize / 1048576.0, "MiB/s", Contender.SmbClient, 1);

    /// <summary>
    /// Runs the scenarios <paramref name="runs"/> times. <paramref name="shareDirectory"/> puts Samba's
    /// shares there instead of the temp directory: on a tmpfs (/dev/shm) the times are the clients'
    /// own, where a disk's write-back makes every client's 1 GiB time vary several-fold run to run.
    /// </summary>
    public static async Task RunAsync(int runs, string? shareDirectory, int smallFiles)
    {
        var smallUpload = new Scenario($"{smallFiles:N0} x 4 KiB upload", smallFiles, "files/s", Contender.Rclone, 2);
        var noOpResync = new Scenario("no-op re-sync of those", smallFiles, "files/s", Contender.Rclone, 1);
        await using var samba = await SambaServer.StartAsync(SambaOptions.Default with { Parent = shareDirectory });
        var work = Directory.CreateTempSubdirectory("smbsync-e2e-").FullName;
        try
        {
            Console.WriteLine("publishing smbsync (Release)...");
            var ours = await SmbSyncCli.PublishAsync(samba.Port);
            var rclone = await RcloneCli.ConfigureAsync(samba.Port, work);
            var smbclient = ExternalTool.Find("smbclient", "install the Debian package 'smbclient'");
            var smallTree = Path.Combine(work, "small");
            WriteSmallTree(smallTree, smallFiles);
            var largeTree = Path.Combine(work, "large");
            Directory.CreateDirectory(largeTree);
            BenchProgram.WriteRandomFile(Path.Combine(largeTree, "big.bin"), LargeFileSize);
            var small = TreeTally.Of(smallTree);
            var large = TreeTally.Of(largeTree);

            var share = samba.SharePath();
            var board = new EndToEndScoreboard([smallUpload, noOpResync, LargeUpload], Console.Out);
            for (var run = 0; run < runs; run++)
            {
                Console.WriteLine($"run {run + 1} of {runs}...");
                var context = new RunContext(share, work, run, board, smallUpload, noOpResync);
                await SmbSyncSmallAsync(ours, smallTree, small, context);
                await RcloneSmallAsync(rclone, smallTree, small, context);
                await LargeAsync(ours, rclone, smbclient, samba.Port, largeTree, large, context);
            }
            Console.WriteLine();
            Console.WriteLine($"End to end on a loopback Samba (port {samba.Port}, shares under {shareDirectory ?? "the temp directory"}), best of {runs} runs, wall clock of each whole process;");
            Console.WriteLine($"smbsync published from this tree, {rclone.Version}, smbclient {ExternalTool.Run(smbclient, ["--version"]).Trim()}");
            Console.WriteLine();
            board.Print(Console.Out);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Where one run puts its targets and records its times.</summary>
    private sealed record RunContext(string Share, string Work, int Run, EndToEndScoreboard Board, Scenario SmallUpload, Scenario NoOpResync)
    {
        /// <summary>A fresh empty directory on the share, both as the share's DIR and as its path on disk.</summary>
        public (string Remote, string OnDisk) EmptyTarget(string name)
        {
            var remote = $"{name}-{Run}";
            var onDisk = Path.Combine(Share, remote);
            Directory.CreateDirectory(onDisk);
            return (remote, onDisk);
        }
    }

    private static async Task SmbSyncSmallAsync(SmbSyncCli ours, string source, TreeTally expected, RunContext context)
    {
        var (remote, onDisk) = context.EmptyTarget("small-smbsync");
        var dataDirectory = Path.Combine(context.Work, $"data-small-{context.Run}");
        var (upload, summary) = await ours.UploadAsync(source, remote, dataDirectory);
        Expect(summary.Uploaded == expected.Files && summary.Failed == 0, $"smbsync upload: {summary}");
        expected.Check(onDisk, "smbsync upload");
        context.Board.Add(context.SmallUpload, Contender.SmbSync, upload.Wall, TimeSpan.FromMilliseconds(summary.DurationMs));

        var (again, nothing) = await ours.UploadAsync(source, remote, dataDirectory);
        Expect(nothing.Uploaded == 0 && nothing.Failed == 0, $"smbsync no-op re-sync: {nothing}");
        expected.Check(onDisk, "smbsync no-op re-sync");
        context.Board.Add(context.NoOpResync, Contender.SmbSync, again.Wall, TimeSpan.FromMilliseconds(nothing.DurationMs));

        Directory.Delete(onDisk, recursive: true);
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static async Task RcloneSmallAsync(RcloneCli rclone, string source, TreeTally expected, RunContext context)
    {
        var (remote, onDisk) = context.EmptyTarget("small-rclone");
        var upload = await rclone.RunAsync("sync", source, remote);
        expected.Check(onDisk, "rclone sync");
        context.Board.Add(context.SmallUpload, Contender.Rclone, upload.Wall);

        var again = await rclone.RunAsync("sync", source, remote);
        Expect(again.Stderr.Contains("There was nothing to transfer", StringComparison.Ordinal), $"rclone no-op re-sync transferred something: {again.Stderr}");
        expected.Check(onDisk, "rclone no-op re-sync");
        context.Board.Add(context.NoOpResync, Contender.Rclone, again.Wall);

        Directory.Delete(onDisk, recursive: true);
    }

    private static async Task LargeAsync(SmbSyncCli ours, RcloneCli rclone, string smbclient, int port, string source, TreeTally expected, RunContext context)
    {
        var (remote, onDisk) = context.EmptyTarget("large-smbsync");
        var dataDirectory = Path.Combine(context.Work, $"data-large-{context.Run}");
        var (upload, summary) = await ours.UploadAsync(source, remote, dataDirectory);
        Expect(summary.Uploaded == 1 && summary.BytesTransferred == LargeFileSize, $"smbsync upload: {summary}");
        expected.Check(onDisk, "smbsync upload");
        context.Board.Add(LargeUpload, Contender.SmbSync, upload.Wall, TimeSpan.FromMilliseconds(summary.DurationMs));
        Directory.Delete(onDisk, recursive: true);
        Directory.Delete(dataDirectory, recursive: true);

        (remote, onDisk) = context.EmptyTarget("large-smbclient");
        var put = await TimedProcess.RunAsync(smbclient,
            [$"//127.0.0.1/{SambaServer.ShareName}", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-U", $"{SambaServer.UserName}%{SambaServer.Password}", "-c", $"put {Path.Combine(source, "big.bin")} {remote}/big.bin"]);
        expected.Check(onDisk, "smbclient put");
        context.Board.Add(LargeUpload, Contender.SmbClient, put.Wall);
        Directory.Delete(onDisk, recursive: true);

        (remote, onDisk) = context.EmptyTarget("large-rclone");
        var copy = await rclone.RunAsync("copy", source, remote);
        expected.Check(onDisk, "rclone copy");
        context.Board.Add(LargeUpload, Contender.Rclone, copy.Wall);
        Directory.Delete(onDisk, recursive: true);
    }

    /// <summary>
    /// Random files of 4 KiB in directories of 400: a few directories, as a real tree has,
    /// rather than one directory whose size alone would slow Samba's per-create name lookups.
    /// </summary>
    private static void WriteSmallTree(string root, int files)
    {
        var payload = new byte[SmallFileSize];
        var directories = Math.Max(1, files / FilesPerDirectory);
        for (var i = 0; i < files; i++)
        {
            var directory = Path.Combine(root, $"d{i % directories}");
            Directory.CreateDirectory(directory);
            RandomNumberGenerator.Fill(payload);
            File.WriteAllBytes(Path.Combine(directory, $"f{i:D4}.bin"), payload);
        }
    }

    /// <summary>Stops the benchmark when a run did not do what it must: a wrong run must not count as a time.</summary>
    internal static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }
}
