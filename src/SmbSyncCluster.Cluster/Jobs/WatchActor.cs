using Akka.Actor;
using Akka.Event;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Sync.Versions;
using SmbSyncCluster.Sync.Watching;

namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// Follows both sides of a watched job (<see cref="JobWatch"/>: inotify locally, CHANGE_NOTIFY on the
/// share) and tells its job where to look: changes gathered into a <see cref="ScanScope"/> once they go
/// quiet (<see cref="WatchTiming.Debounce"/>), the whole tree once watching has started, when a watcher lost
/// changes or ended (it is started again after <see cref="WatchTiming.Retry"/>), and on the safety
/// interval. The watchers run as tasks off the actor's dispatcher; only their batches come here.
/// </summary>
public sealed class WatchActor : ReceiveActor, IWithTimers
{
    /// <summary>Watch to job: sync what changed there.</summary>
    /// <param name="Scope">Where to look; it lists the root deep when the whole tree is to be scanned.</param>
    public sealed record ChangesSeen(ScanScope Scope);

    private sealed record Seen(SyncSide Side, WatchBatch Batch);

    private sealed record SideEnded(SyncSide Side, Exception? Error);

    private sealed record Watch(SyncSide Side);

    private sealed record Flush
    {
        public static Flush Instance { get; } = new();
    }

    private sealed record Rescan
    {
        public static Rescan Instance { get; } = new();
    }

    private readonly JobSpec _spec;
    private readonly RunEnvironment _environment;
    private readonly WatchTiming _timing;
    private readonly PathFilter _filter;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _problemsSaid = new(StringComparer.Ordinal);
    private ScanScope _scope = new();
    private DateTime? _firstChange;

    /// <summary>Creates the watcher of <paramref name="spec"/>'s two sides.</summary>
    public WatchActor(JobSpec spec, RunEnvironment environment, WatchTiming timing)
    {
        _spec = spec;
        _environment = environment;
        _timing = timing;
        _filter = PathFilter.For(spec, [.. environment.PrivatePaths, LocalPathLock.DefaultDirectory]);
        Receive<Watch>(watch => Start(watch.Side));
        Receive<Seen>(seen => Take(seen.Side, seen.Batch));
        Receive<SideEnded>(ended => Restart(ended.Side, ended.Error));
        Receive<Flush>(_ => Report());
        Receive<Rescan>(_ =>
        {
            _scope.Everything("");
            Report();
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the watcher of <paramref name="spec"/>.</summary>
    public static Props Props(JobSpec spec, RunEnvironment environment, WatchTiming timing) =>
        Akka.Actor.Props.Create(() => new WatchActor(spec, environment, timing));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Start(SyncSide.Local);
        Start(SyncSide.Remote);
        // Whatever changed while nobody watched: each watcher's first batch (WatchBatch.Started) makes the first run
        // look at everything, once the watchers follow their sides.
        Timers.StartPeriodicTimer(nameof(Rescan), Rescan.Instance, _timing.SafetyRescan);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private void Start(SyncSide side)
    {
        var self = Self;
        var (spec, passwords, ct) = (_spec, _environment.Passwords, _stop.Token);
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in JobWatch.WatchAsync(spec, side, passwords, ct))
                {
                    self.Tell(new Seen(side, batch));
                }
                self.Tell(new SideEnded(side, null));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // stopped with the job's watch
            }
            catch (Exception e)
            {
                self.Tell(new SideEnded(side, e));
            }
        }, CancellationToken.None);
    }

    private void Take(SyncSide side, WatchBatch batch)
    {
        if (batch.Problem is { } problem)
        {
            Say($"{side.ToString().ToLowerInvariant()} side: {problem}");
        }
        if (batch.Lost)
        {
            _scope.Everything("");
        }
        foreach (var change in batch.Events)
        {
            if (Ours(change.Path))
            {
                continue;
            }
            _scope.Changed(change.Path, change.ContentMayDiffer);
        }
        if (_scope.IsEmpty)
        {
            return;
        }
        var now = DateTime.UtcNow;
        _firstChange ??= now;
        var due = now + _timing.Debounce;
        var latest = _firstChange.Value + _timing.BurstLimit;
        Timers.StartSingleTimer(nameof(Flush), Flush.Instance, (due < latest ? due : latest) - now);
    }

    /// <summary>
    /// Our own files (temporary files of writes in flight, a run's lease, the root marker, the versions area) and what
    /// the job's filter leaves out change nothing to sync.
    /// </summary>
    private bool Ours(string path)
    {
        if (path.Length == 0)
        {
            return false;
        }
        var name = RelativePath.Name(path).ToString();
        return TempNames.IsTemp(name)
            || name.Equals(SmbFileStore.LeaseFileName, StringComparison.OrdinalIgnoreCase)
            || RootMarker.IsMarker(name)
            || VersionNames.IsInArea(path)
            || (!_filter.WalkDirectory(path) && !_filter.KeepFile(path));
    }

    private void Restart(SyncSide side, Exception? error)
    {
        Say($"{side.ToString().ToLowerInvariant()} side: watching stopped ({error?.Message ?? "the watched directory went"}); trying again in {_timing.Retry.TotalSeconds:0} s");
        Timers.StartSingleTimer("watch-" + side, new Watch(side), _timing.Retry);
        // What changes until it watches again is unknown.
        _scope.Everything("");
        Timers.StartSingleTimer(nameof(Flush), Flush.Instance, _timing.Retry + _timing.Debounce);
    }

    private void Report()
    {
        _firstChange = null;
        if (_scope.IsEmpty)
        {
            return;
        }
        Context.Parent.Tell(new ChangesSeen(_scope));
        _scope = new ScanScope();
    }

    /// <summary>
    /// Publishes each problem (<see cref="WatchProblem"/>), and logs it once per watch: a watcher that keeps failing
    /// the same way would fill the log.
    /// </summary>
    private void Say(string problem)
    {
        Context.System.EventStream.Publish(new WatchProblem(_spec.Id, problem));
        if (_problemsSaid.Add(problem))
        {
            Context.GetLogger().Warning("job {0}: {1}", _spec.Id, problem);
        }
    }
}
