using SmbSyncCluster.Testing;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Sync.Tests.Stores;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>Retries, item failures, run-fatal aborts and sources that change mid-copy, between two local stores.</summary>
public sealed class ExecutorFaultTests
{
    private static (string Local, string Remote) NewDirs() =>
        (Directory.CreateTempSubdirectory("smbsync-l-").FullName, Directory.CreateTempSubdirectory("smbsync-r-").FullName);

    [Fact]
    public async Task Transient_errors_are_retried_until_the_copy_succeeds()
    {
        var (local, remote) = NewDirs();
        Trees.Write(local, "a.txt", "payload");
        var failures = 0;
        var flaky = new FaultyStore(new LocalFileStore(remote), (op, _) =>
            op == "write" && Interlocked.Increment(ref failures) <= 2 ? new SmbConnectionException("dropped") : null);

        var (_, result) = await new SyncCycle(new LocalFileStore(local), flaky).RunAsync(SyncMode.Mirror);

        Assert.Empty(result!.Failures);
        Assert.Equal(3, failures);
        Assert.Equal("payload", Trees.Read(remote, "a.txt"));
    }

    [Fact]
    public async Task A_transient_error_that_persists_fails_the_item_after_the_last_attempt()
    {
        var (local, remote) = NewDirs();
        Trees.Write(local, "a.txt", "a");
        var attempts = 0;
        var broken = new FaultyStore(new LocalFileStore(remote), (op, _) =>
            op == "write" ? new SmbConnectionException($"attempt {Interlocked.Increment(ref attempts)}") : null);

        var (_, result) = await new SyncCycle(new LocalFileStore(local), broken).RunAsync(SyncMode.Mirror);

        var failure = Assert.Single(result!.Failures);
        Assert.Equal(ErrorClass.Transient, failure.Class);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task Item_errors_are_collected_and_the_run_goes_on()
    {
        var (local, remote) = NewDirs();
        Trees.Write(local, "denied.txt", "x");
        Trees.Write(local, "fine.txt", "y");
        var store = new FaultyStore(new LocalFileStore(remote), (op, path) =>
            op == "write" && path == "denied.txt" ? new SmbAccessDeniedException(NtStatus.AccessDenied, "write") : null);
        var cycle = new SyncCycle(new LocalFileStore(local), store);

        var (_, result) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.Equal(ErrorClass.ItemPermanent, Assert.Single(result!.Failures).Class);
        Assert.Equal("y", Trees.Read(remote, "fine.txt"));
        Assert.True(cycle.Base.TryGet("fine.txt", out _));
        Assert.False(cycle.Base.TryGet("denied.txt", out _));
    }

    [Fact]
    public async Task A_run_fatal_error_aborts_with_its_reason()
    {
        var (local, remote) = NewDirs();
        for (var i = 0; i < 50; i++)
        {
            Trees.Write(local, $"f{i:D2}.txt", "x");
        }
        var store = new FaultyStore(new LocalFileStore(remote), (op, _) =>
            op == "write" ? new SmbDiskFullException(NtStatus.DiskFull, "write") : null);

        var (_, result) = await new SyncCycle(new LocalFileStore(local), store) { Executor = new ExecutorOptions { Workers = 2 } }.RunAsync(SyncMode.Mirror);

        Assert.Contains("DISK_FULL", result!.AbortReason, StringComparison.Ordinal);
        Assert.Equal(0, result.Uploaded);
    }

    [Fact]
    public async Task A_directory_that_cannot_be_read_is_not_taken_for_deleted()
    {
        var (local, remote) = NewDirs();
        Trees.Write(local, "a/b/precious.txt", "keep me");
        Trees.Write(local, "a/other.txt", "o");
        var unreadable = false;
        var flaky = new FaultyStore(new LocalFileStore(local), (op, path) =>
            unreadable && op == "list" && path == "a/b" ? new UnauthorizedAccessException("permission denied") : null);
        var cycle = new SyncCycle(flaky, new LocalFileStore(remote));
        await cycle.RunAsync(SyncMode.Mirror);
        unreadable = true;
        Trees.Write(remote, "a/new-remote.txt", "n");

        var (plan, result) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.Equal(0, plan.Summary.DeletesRemote);
        Assert.Equal("keep me", Trees.Read(remote, "a/b/precious.txt"));
        Assert.Equal((0, 1), (result!.DeletedRemote, result.Downloaded));
        Assert.True(cycle.Base.TryGet("a/b/precious.txt", out _));
    }

    [Fact]
    public async Task A_source_that_changes_during_the_copy_is_never_recorded_as_synced()
    {
        var (local, remote) = NewDirs();
        Trees.Write(local, "live.log", "first");
        var store = new FaultyStore(new LocalFileStore(remote), (op, _) =>
        {
            if (op == "write")
            {
                // The writer appends while we copy: the size and mtime checked at the end no longer match.
                File.AppendAllText(Path.Combine(local, "live.log"), " and more");
            }
            return null;
        });
        var cycle = new SyncCycle(new LocalFileStore(local), store);

        var (_, result) = await cycle.RunAsync(SyncMode.Mirror);

        Assert.Equal("live.log", Assert.Single(result!.Failures).Action.Path);
        Assert.False(cycle.Base.TryGet("live.log", out _));
        Assert.False(File.Exists(Path.Combine(remote, "live.log")));
        Assert.Empty(Directory.GetFiles(remote));
    }

    [Fact]
    public async Task A_source_that_yields_more_than_its_size_is_cut_off_at_once()
    {
        var (local, remote) = NewDirs();
        Trees.Write(remote, "big.bin", "ten bytes!");
        var endless = new EndlessStream(256L * 1024 * 1024);
        var hostile = new FaultyStore(new LocalFileStore(remote), (_, _) => null) { Content = (_, real) => { real.Dispose(); return endless; } };

        var (_, result) = await new SyncCycle(new LocalFileStore(local), hostile).RunAsync(SyncMode.Mirror);

        Assert.Equal("big.bin", Assert.Single(result!.Failures).Action.Path);
        // One buffer per attempt at most, where reading to the end would take all 256 MiB.
        Assert.True(endless.BytesRead < 16 * 1024 * 1024, $"{endless.BytesRead} bytes read for a file of 10");
        Assert.Empty(Directory.GetFiles(local));
    }
}

/// <summary>Progress reports from a run: throttled, ending with everything done.</summary>
public sealed class ExecutorProgressTests
{
    private sealed class Collect : IProgress<SyncProgress>
    {
        public List<SyncProgress> Reports { get; } = [];

        public void Report(SyncProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }

    [Fact]
    public async Task The_last_report_counts_every_item_and_byte()
    {
        var local = Directory.CreateTempSubdirectory("smbsync-l-").FullName;
        var remote = Directory.CreateTempSubdirectory("smbsync-r-").FullName;
        for (var i = 0; i < 30; i++)
        {
            Trees.Write(local, $"d{i % 3}/f{i}.txt", new string('x', 1000 + i));
        }
        var scan = await new TreeScanner(new LocalFileStore(local), PathFilter.None).ScanAsync(default);
        var plan = SyncPlanner.Plan(
            ChangeDetector.Detect(new TreeSnapshot(), scan.Tree, new TreeSnapshot(), new DetectionOptions { MtimeTolerance = TimeSpan.FromTicks(1) }),
            new PlanOptions { Timestamp = DateTimeOffset.UtcNow });
        var progress = new Collect();

        await new SyncExecutor(new LocalFileStore(local), new LocalFileStore(remote), new ExecutorOptions { ProgressInterval = TimeSpan.FromHours(1) })
            .ExecuteAsync(plan, _ => ValueTask.CompletedTask, progress, default);

        var last = progress.Reports[^1];
        Assert.Equal((33, 33), (last.ItemsDone, last.ItemsTotal)); // 30 files and 3 directories
        Assert.Equal(plan.Summary.UploadBytes, last.BytesDone);
        Assert.Equal(100, last.Percent);
        Assert.Equal(2, progress.Reports.Count); // the first event at once, then only the final report
        // The first report is taken when the first action starts, but other workers may end items before it
        // reads the count: early, not necessarily at zero.
        Assert.True(progress.Reports[0].ItemsDone < last.ItemsDone, $"first report at {progress.Reports[0].ItemsDone} items");
    }
}
