using Akka.Actor;
using Akka.TestKit.Xunit2;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Testing;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>
/// A run's children under the supervision the classifier decides, with the test as the run's parent
/// (the JobActor's place): transient errors restart the worker and retry, item errors are recorded
/// and the run goes on, run-fatal errors abort the run with their reason.
/// </summary>
public sealed class RunSupervisionTests : TestKit
{
    private const int Enospc = 28;
    private const int Eio = 5;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static (JobSpec Spec, string Local, string Remote) NewJob(int files)
    {
        var local = Directory.CreateTempSubdirectory("smbsync-run-l-").FullName;
        var remote = Directory.CreateTempSubdirectory("smbsync-run-r-").FullName;
        for (var i = 0; i < files; i++)
        {
            File.WriteAllText(Path.Combine(local, $"f{i}.txt"), $"content {i}");
        }
        return (new JobSpec { Id = "sup", LocalPath = local, Remote = remote, Mode = SyncMode.Upload, Workers = 3 }, local, remote);
    }

    /// <summary>Starts a run whose remote store fails writes as <paramref name="fault"/> says; the test actor is its parent.</summary>
    private IActorRef StartRun(JobSpec spec, Func<string, string, Exception?> fault) =>
        ChildActorOf(RunActor.Props(
            new RunOrder(spec, "r1", DryRun: false, Force: false, MaxDeletePercent: null, Paused: false),
            new Sync.Model.TreeSnapshot(),
            new RunEnvironment
            {
                Dispatcher = "akka.actor.default-dispatcher",
                Executor = new ExecutorOptions { MaxAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(20) },
                BatchInterval = TimeSpan.FromMilliseconds(20),
                OpenStores = (s, _, _) => Task.FromResult(new JobStores(
                    new LocalFileStore(s.LocalPath), new FaultyStore(new LocalFileStore(s.Remote), fault))),
            }));

    [Fact]
    public void A_transient_error_restarts_the_worker_and_the_action_is_retried_until_it_succeeds()
    {
        var (spec, _, remote) = NewJob(5);
        var attempts = 0;
        StartRun(spec, (op, path) => op == "write" && path == "f2.txt" && Interlocked.Increment(ref attempts) <= 2
            ? new IOException("the server dropped the connection", Eio)
            : null);

        var (batches, end) = this.CollectRun(Wait);

        Assert.Null(end.AbortReason);
        Assert.Equal(3, attempts); // two transient failures, then success
        Assert.Empty(batches.SelectMany(b => b.Errors));
        Assert.Equal(5, batches.Sum(b => b.Counts.Uploaded));
        Assert.Equal("content 2", File.ReadAllText(Path.Combine(remote, "f2.txt")));
    }

    [Fact]
    public void A_transient_error_on_every_attempt_is_recorded_as_the_item_failing_after_the_last_attempt()
    {
        var (spec, _, _) = NewJob(3);
        var attempts = 0;
        StartRun(spec, (op, path) => op == "write" && path == "f0.txt" && Interlocked.Increment(ref attempts) > 0
            ? new IOException("still busy", Eio)
            : null);

        var (batches, end) = this.CollectRun(Wait);

        Assert.Null(end.AbortReason);
        Assert.Equal(3, attempts);
        var error = Assert.Single(batches.SelectMany(b => b.Errors));
        Assert.Equal(("f0.txt", RunErrorKind.Transient), (error.Path, error.Kind));
        Assert.Equal(2, batches.Sum(b => b.Counts.Uploaded));
    }

    [Fact]
    public void An_item_error_resumes_the_worker_and_the_run_goes_on()
    {
        var (spec, _, remote) = NewJob(6);
        StartRun(spec, (op, path) => op == "write" && path == "f1.txt" ? new UnauthorizedAccessException("access denied: f1.txt") : null);

        var (batches, end) = this.CollectRun(Wait);

        Assert.Null(end.AbortReason);
        var error = Assert.Single(batches.SelectMany(b => b.Errors));
        Assert.Equal(("f1.txt", RunAction.Upload, RunErrorKind.Item), (error.Path, error.Action, error.Kind));
        Assert.Equal(5, batches.Sum(b => b.Counts.Uploaded));
        Assert.Equal(5, Directory.GetFiles(remote).Length);
    }

    [Fact]
    public void A_run_fatal_error_escalates_and_aborts_the_run_with_its_reason()
    {
        var (spec, _, _) = NewJob(4);
        StartRun(spec, (op, _) => op == "write" ? new IOException("no space left on device", Enospc) : null);

        var (_, end) = this.CollectRun(Wait);

        Assert.Equal("no space left on device", end.AbortReason);
        Assert.NotNull(end.Plan);
    }

    [Fact]
    public void A_scan_that_fails_for_good_aborts_the_run_before_planning()
    {
        var (spec, _, _) = NewJob(2);
        StartRun(spec, (op, _) => op == "list" ? new IOException("no space left on device", Enospc) : null);

        var (batches, end) = this.CollectRun(Wait);

        Assert.Contains("no space left on device", end.AbortReason, StringComparison.Ordinal);
        Assert.Null(end.Plan);
        Assert.Empty(batches);
    }
}
