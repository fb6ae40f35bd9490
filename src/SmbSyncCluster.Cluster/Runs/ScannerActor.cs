using Akka.Actor;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Sync.Versions;

namespace SmbSyncCluster.Cluster.Runs;

/// <summary>
/// Walks one store with <see cref="TreeScanner"/> and sends the tree to its parent. Temporary files
/// of atomic writes it finds that its own job left in an earlier run (interrupted) are removed unless
/// the run only plans; another job's (whose tree overlaps) and this run's own are left alone. A failed walk is thrown for the supervisor; after a restart the
/// walk starts again after the backoff delay.
/// </summary>
public sealed class ScannerActor : ReceiveActor, IWithTimers
{
    private sealed record Scan(int Attempt);

    private readonly ExecutorOptions _options;

    /// <summary>Creates the scanner of one side.</summary>
    public ScannerActor(
        IFileStore store, PathFilter filter, SyncSide side, TempNames? leftoversOf, DateTime? pruneVersionsBefore, ExecutorOptions options, ScanScope? scope, CancellationToken ct)
    {
        _options = options;
        Receive<Scan>(scan =>
        {
            ScanAsync(store, filter, leftoversOf, pruneVersionsBefore, scope, ct).PipeTo(
                Self, success: tree => new ScanCompleted(side, tree), failure: e => new Status.Failure(new ScanFailedException(side, scan.Attempt, e)));
        });
        Receive<ScanCompleted>(done => Context.Parent.Tell(done));
        Receive<Status.Failure>(failure => throw failure.Cause);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// The props of a scanner; <paramref name="leftoversOf"/> names the run whose job's leftovers go (null: none go),
    /// <paramref name="pruneVersionsBefore"/> the time before which kept versions go (null: none go), <paramref name="scope"/>
    /// what to scan (null: the whole tree).
    /// </summary>
    public static Props Props(
        IFileStore store, PathFilter filter, SyncSide side, TempNames? leftoversOf, DateTime? pruneVersionsBefore, ExecutorOptions options, ScanScope? scope,
        CancellationToken ct) =>
        Akka.Actor.Props.Create(() => new ScannerActor(store, filter, side, leftoversOf, pruneVersionsBefore, options, scope, ct));

    private static async Task<ScanResult> ScanAsync(
        IFileStore store, PathFilter filter, TempNames? leftoversOf, DateTime? pruneVersionsBefore, ScanScope? scope, CancellationToken ct)
    {
        var result = await new TreeScanner(store, filter).ScanAsync(scope, ct);
        if (leftoversOf is not null)
        {
            foreach (var temp in result.TempFiles.Where(t => leftoversOf.IsLeftover(t[(t.LastIndexOf('/') + 1)..])))
            {
                try
                {
                    await store.DeleteFileAsync(temp, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Best effort: a leftover that cannot go now is tried again next run.
                }
            }
        }
        if (pruneVersionsBefore is { } cutoff)
        {
            await VersionArea.PruneAsync(store, cutoff, ct);
        }
        return result;
    }

    /// <inheritdoc />
    protected override void PreStart() => Self.Tell(new Scan(1));

    /// <inheritdoc />
    protected override void PostRestart(Exception reason)
    {
        // Restart is the supervisor's "retry": scan again after the backoff (PreStart would at once).
        if (reason is ScanFailedException failed)
        {
            Timers.StartSingleTimer("rescan", new Scan(failed.Attempt + 1), _options.RetryDelay(failed.Attempt));
        }
    }
}
