using SmbSyncCluster.Contracts;
using SmbSyncCluster.Testing;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Sync.Tests.Execution;
using SmbSyncCluster.Sync.Tests.Stores;

namespace SmbSyncCluster.Sync.Tests.Jobs;

/// <summary>Summaries and exit codes of real runs between two local directories.</summary>
public sealed class RunSummariesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static (string Local, string Remote) NewDirs() =>
        (Directory.CreateTempSubdirectory("smbsync-l-").FullName, Directory.CreateTempSubdirectory("smbsync-r-").FullName);

    [Fact]
    public async Task A_clean_run_completes_with_exit_code_0()
    {
        var (local, remote) = NewDirs();
        Trees.Write(local, "a.txt", "aaa");
        Trees.Write(remote, "b.txt", "bb");

        var (plan, result) = await new SyncCycle(new LocalFileStore(local), new LocalFileStore(remote)).RunAsync(SyncMode.Mirror);
        var summary = ExecutionSummaries.Build("r1", plan, result, dryRun: false, SyncMode.Mirror, Start, Start.AddSeconds(1));

        Assert.Equal((1, 1, 5L, RunOutcome.Completed), (summary.Uploaded, summary.Downloaded, summary.BytesTransferred, summary.Outcome));
        Assert.Equal(0, RunSummaries.ExitCode(summary));
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_be_done()
    {
        var (local, remote) = NewDirs();
        Trees.Write(local, "a.txt", "aaa");

        var (plan, result) = await new SyncCycle(new LocalFileStore(local), new LocalFileStore(remote)).RunAsync(SyncMode.Mirror, dryRun: true);
        var summary = ExecutionSummaries.Build("r1", plan, result, dryRun: true, SyncMode.Mirror, Start, Start);

        Assert.Equal((true, 1, 3L), (summary.DryRun, summary.Uploaded, summary.BytesTransferred));
        Assert.Empty(Directory.GetFiles(remote));
    }

    [Fact]
    public async Task Skipped_items_are_listed_with_why()
    {
        var (local, remote) = NewDirs();
        Trees.Write(local, "both.txt", "local", Trees.Old);
        Trees.Write(remote, "both.txt", "remote", Trees.Old.AddDays(1));
        Trees.Write(local, "plain.txt", "p");

        var (plan, result) = await new SyncCycle(new LocalFileStore(local), new LocalFileStore(remote)).RunAsync(SyncMode.Mirror, ConflictPolicy.Skip);
        var summary = ExecutionSummaries.Build("r1", plan, result, dryRun: false, SyncMode.Mirror, Start, Start);
        var clean = ExecutionSummaries.Build("r2", (await new SyncCycle(new LocalFileStore(local), new LocalFileStore(remote)).RunAsync(SyncMode.Upload)).Plan,
            null, dryRun: true, SyncMode.Upload, Start, Start);

        var skip = Assert.Single(summary.Skips!);
        Assert.Equal(("both.txt", RunAction.Skip, RunErrorKind.Conflict), (skip.Path, skip.Action, skip.Kind));
        Assert.Equal(1, summary.Skipped);
        Assert.Null(clean.Skips); // none: nothing stored
    }

    [Fact]
    public void An_unreadable_directory_fails_the_run_and_a_link_not_followed_is_skipped()
    {
        var state = new JobState();
        state.Apply(new RunStarted("job", "r1", Start, DryRun: false));

        var summary = RunSummaries.Build(state.Run!, SyncMode.Mirror, null, null, stopped: false, Start,
            localIssues: [new ScanIssue("private", "directory could not be read: access denied", new UnauthorizedAccessException("access denied"))],
            remoteIssues: [new ScanIssue("link", "symbolic link or special file: not followed")]);

        var error = Assert.Single(summary.Errors);
        Assert.Equal(("private", RunAction.Scan, RunErrorKind.Item, "local side: directory could not be read: access denied"), (error.Path, error.Action, error.Kind, error.Message));
        var skip = Assert.Single(summary.Skips!);
        Assert.Equal(("link", RunErrorKind.NotScanned, "remote side: symbolic link or special file: not followed"), (skip.Path, skip.Kind, skip.Message));
        Assert.Equal((1, 1, RunOutcome.Failed, 1), (summary.Failed, summary.Skipped, summary.Outcome, RunSummaries.ExitCode(summary)));
    }

    [Fact]
    public async Task Failed_items_make_exit_code_1_with_each_error_listed()
    {
        var (local, remote) = NewDirs();
        Trees.Write(local, "ok.txt", "1");
        Trees.Write(local, "denied.txt", "2");
        var store = new FaultyStore(new LocalFileStore(remote), (op, path) =>
            op == "write" && path == "denied.txt" ? new SmbAccessDeniedException(NtStatus.AccessDenied, "write 'denied.txt'") : null);

        var (plan, result) = await new SyncCycle(new LocalFileStore(local), store).RunAsync(SyncMode.Mirror);
        var summary = ExecutionSummaries.Build("r1", plan, result, dryRun: false, SyncMode.Mirror, Start, Start);

        var error = Assert.Single(summary.Errors);
        Assert.Equal(("denied.txt", RunAction.Upload, RunErrorKind.Item), (error.Path, error.Action, error.Kind));
        Assert.Equal((RunOutcome.Failed, 1, 1), (summary.Outcome, summary.Failed, RunSummaries.ExitCode(summary)));
    }

    [Fact]
    public async Task A_refused_plan_is_aborted_with_exit_code_3()
    {
        var (local, remote) = NewDirs();
        for (var i = 0; i < 20; i++)
        {
            Trees.Write(local, $"f{i}", "x");
        }
        var cycle = new SyncCycle(new LocalFileStore(local), new LocalFileStore(remote));
        await cycle.RunAsync(SyncMode.Mirror);
        foreach (var f in Directory.GetFiles(local))
        {
            File.Delete(f);
        }

        var (plan, result) = await cycle.RunAsync(SyncMode.Mirror);
        var summary = ExecutionSummaries.Build("r2", plan, result, dryRun: false, SyncMode.Mirror, Start, Start);

        Assert.Equal(RunOutcome.Aborted, summary.Outcome);
        Assert.NotNull(summary.Reason);
        Assert.Equal(3, RunSummaries.ExitCode(summary));
    }
}
