using Akka.Actor;
using Akka.Event;
using SmbSyncCluster.Cluster.Limits;
using SmbSyncCluster.Cluster.Metrics;
using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Limits;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Runs;

/// <summary>
/// One run of a job, child of its <c>JobActor</c>: opens the stores, has both sides scanned by
/// <see cref="ScannerActor"/>s, the changes planned by a <see cref="DetectorActor"/> and the plan
/// executed by an <see cref="ExecutorActor"/>, forwarding ended items to the job as they come and
/// ending with <see cref="RunEnded"/>. A run resumed after a crash is a new RunActor: it scans and
/// plans again, so what the journal recorded is not redone.
/// </summary>
public sealed class RunActor : ReceiveActor, IWithTimers
{
    private sealed record OpenStores(int Attempt);

    private sealed record OpenFailed(int Attempt, Exception Error);

    /// <summary>The stores, and the filter of what the run sees in them (both found off the actor's thread).</summary>
    private sealed record Opened(JobStores Stores, PathFilter Filter);

    private sealed record Abort(string Reason);

    private readonly RunOrder _order;
    private readonly TreeSnapshot _base;
    private readonly RunEnvironment _environment;
    private readonly CancellationTokenSource _cancel = new();
    private readonly ScanResult?[] _scans = new ScanResult?[2];
    private JobStores? _stores;
    private Task<Opened>? _opening;
    private SyncPlan? _plan;
    private IActorRef? _executor;
    private int _workers;
    private bool _paused;
    private bool _ended;
    private bool _draining;

    /// <summary>Creates a run; <paramref name="baseState"/> is the job's live base, which the job changes only with this run's batches.</summary>
    public RunActor(RunOrder order, TreeSnapshot baseState, RunEnvironment environment)
    {
        _order = order;
        _base = baseState;
        _environment = environment;
        _paused = order.Paused;
        _workers = order.Spec.Workers;
        var openStores = environment.OpenStores ?? ((spec, roots, ct) => JobStores.OpenAsync(spec, environment.Passwords, roots, ct, environment.Executor.ReconnectBudget));
        var roots = new RootPolicy(order.Spec.Mode, baseState.Count, order.DryRun);
        var limits = environment.Limits;
        // The limits again, read now (off the actor's thread: they look at the disk): a root, a host list or a link
        // along the path may have changed since the job was defined, and nothing is opened (no password sent) past them.
        Receive<OpenStores>(open =>
        {
            var ct = _cancel.Token;
            (_opening = Task.Run(async () =>
            {
                limits.ThrowIfRefused(order.Spec);
                var filter = PathFilter.For(order.Spec, [.. environment.PrivatePaths, LocalPathLock.DefaultDirectory]);
                return new Opened(await openStores(order.Spec, roots, ct), filter);
            }, ct)).PipeTo(Self, success: opened => opened, failure: e => new OpenFailed(open.Attempt, e));
        });
        Receive<OpenFailed>(OnOpenFailed);
        Receive<Opened>(OnStoresOpened);
        Receive<ScanCompleted>(OnScanned);
        Receive<ChangesPlanned>(OnPlanned);
        Receive<ItemBatch>(batch => Context.Parent.Tell(batch));
        Receive<RunProgressed>(progress => Context.Parent.Tell(progress));
        Receive<ExecutionFinished>(_ => End(null));
        Receive<DrainRun>(drain =>
        {
            _draining = true;
            _cancel.Cancel();
            if (_executor is null)
            {
                End(null);
                return;
            }
            _executor.Tell(drain);
        });
        Receive<RunDrained>(_ => End(null));
        Receive<Abort>(abort => End(abort.Reason));
        Receive<PauseRun>(pause =>
        {
            _paused = true;
            _executor?.Tell(pause);
        });
        Receive<ResumeRun>(resume =>
        {
            _paused = false;
            _executor?.Tell(resume);
        });
        // Kept for an executor not started yet (the run may still be scanning), told to one that is.
        Receive<ResizeRun>(resize =>
        {
            if (resize.Workers != _workers)
            {
                _workers = resize.Workers;
                _executor?.Tell(resize);
            }
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a run.</summary>
    public static Props Props(RunOrder order, TreeSnapshot baseState, RunEnvironment environment) =>
        Akka.Actor.Props.Create(() => new RunActor(order, baseState, environment));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Phase("connecting");
        Self.Tell(new OpenStores(1));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cancel.Cancel();
        var log = Context.GetLogger();
        // The stores may still be opening (a run stopped while it connects): they are closed once open.
        _opening?.ContinueWith(opened => opened.Result.Stores.DisposeAsync().AsTask(), TaskContinuationOptions.OnlyOnRanToCompletion).Unwrap().ContinueWith(
            t => log.Warning(t.Exception, "closing the stores of run {0} failed", _order.RunId), TaskContinuationOptions.OnlyOnFaulted);
        _cancel.Dispose();
    }

    /// <summary>
    /// A transient scan failure restarts the scanner (which scans again after a backoff) until the last
    /// attempt; anything else a child throws (a run-fatal error escalated by the executor, an
    /// authentication failure while scanning, a detector bug) stops it and aborts the run with the reason.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(error =>
    {
        if (error is ScanFailedException { InnerException: { } cause } scan
            && ErrorClassifier.Classify(cause) == ErrorClass.Transient && scan.Attempt < _environment.Executor.MaxAttempts)
        {
            return Directive.Restart;
        }
        Self.Tell(new Abort(RunSupervision.ReasonOf(error)));
        PublishIfUnreachable(error);
        return Directive.Stop;
    });

    /// <summary>Tells the node's metrics when the run is ending because the job's SMB server could not be reached.</summary>
    private void PublishIfUnreachable(Exception error)
    {
        if (RunSupervision.IsServerUnreachable(error) && SmbUrl.IsSmbUrl(_order.Spec.Remote))
        {
            var url = SmbUrl.Parse(_order.Spec.Remote);
            var host = url.Host.Contains(':', StringComparison.Ordinal) ? $"[{url.Host}]" : url.Host;
            Context.System.EventStream.Publish(new ServerUnreachable(_order.Spec.Id, $"{host}:{url.Port}"));
        }
    }

    private void OnOpenFailed(OpenFailed failed)
    {
        if (_draining)
        {
            return;
        }
        if (ErrorClassifier.Classify(failed.Error) == ErrorClass.Transient && failed.Attempt < _environment.Executor.MaxAttempts)
        {
            Timers.StartSingleTimer(nameof(OpenStores), new OpenStores(failed.Attempt + 1), _environment.Executor.RetryDelay(failed.Attempt));
            return;
        }
        PublishIfUnreachable(failed.Error);
        End(RunSupervision.ReasonOf(failed.Error));
    }

    private void OnStoresOpened(Opened opened)
    {
        var (stores, filter) = opened;
        _stores = stores;
        Phase("scanning");
        foreach (var (side, store) in new[] { (SyncSide.Local, stores.Local), (SyncSide.Remote, stores.Remote) })
        {
            Context.ActorOf(
                ScannerActor.Props(store, filter, side, _order.DryRun ? null : stores.Temps,
                    _order.Scope is null ? PruneVersionsBefore(side) : null, // a watched job's small runs leave pruning to its full rescans
                    _environment.Executor, _order.Scope, _cancel.Token)
                    .WithDispatcher(_environment.Dispatcher),
                "scan-" + side.ToString().ToLowerInvariant());
        }
    }

    /// <summary>
    /// The age past which the versions kept on <paramref name="side"/> go, or null where this run leaves them: a
    /// dry run, a side the mode does not write (it is not the run's to change), and a job keeping no versions,
    /// which leaves those kept before it was set so to the user.
    /// </summary>
    private DateTime? PruneVersionsBefore(SyncSide side) =>
        _order.Spec.KeepVersionsDays > 0 && new RootPolicy(_order.Spec.Mode, _base.Count, _order.DryRun).Writes(side)
            ? _environment.Clock.GetUtcNow().UtcDateTime.AddDays(-_order.Spec.KeepVersionsDays)
            : null;

    private void OnScanned(ScanCompleted scanned)
    {
        if (_draining)
        {
            return;
        }
        _scans[scanned.Side == SyncSide.Local ? 0 : 1] = scanned.Result;
        if (_scans is not [{ } local, { } remote])
        {
            return;
        }
        Phase("planning");
        var options = new PlanOptions
        {
            Mode = _order.Spec.Mode,
            ConflictPolicy = _order.Spec.Conflict,
            Force = _order.Force,
            MaxDeletePercent = _order.MaxDeletePercent ?? JobDefaults.MaxDeletePercent,
            Timestamp = DateTimeOffset.Now,
        };
        Context.ActorOf(DetectorActor.Props(_cancel.Token).WithDispatcher(_environment.Dispatcher), "detector")
            .Tell(new DetectChanges(_base, local, remote, _stores!, options, _order.Spec.Checksum, _order.DryRun, _order.Scope));
    }

    private void OnPlanned(ChangesPlanned planned)
    {
        if (_draining)
        {
            return;
        }
        _plan = planned.Plan;
        if (_plan.IsRefused || _order.DryRun)
        {
            End(null);
            return;
        }
        Phase("executing");
        var options = _environment.Executor with
        {
            Workers = _workers,
            MtimeTolerance = RunPlanning.Tolerance(_stores!.Local, _stores.Remote),
            KeepVersions = _order.Spec.KeepVersionsDays > 0,
            Clock = _environment.Clock,
            Throttle = TransferThrottle.Of(
                TimeProvider.System,
                _order.Spec.BandwidthLimit is { } limit ? new BandwidthLimit(BandwidthSchedule.Parse(limit), TimeProvider.System) : null,
                _environment.NodeBandwidth),
        };
        var slots = _environment.ServerGate is { } gate && SmbUrl.IsSmbUrl(_order.Spec.Remote)
            ? new ServerSlotsLink(gate, ServerGate.Key(SmbUrl.Parse(_order.Spec.Remote).Host), _order.Spec.Id)
            : null;
        _executor = Context.ActorOf(ExecutorActor.Props(_order.RunId, _plan, _stores, options, _environment, _paused, _cancel.Token, slots), "executor");
    }

    private void Phase(string phase) =>
        Context.Parent.Tell(new RunProgressed(_order.RunId, new SyncProgress(phase, null, 0, 0, 0, 0, 0, null)));

    private void End(string? abortReason)
    {
        if (_ended)
        {
            return;
        }
        _ended = true;
        Context.Parent.Tell(new RunEnded(_order.RunId, _plan, abortReason, _draining, _scans[0]?.Issues, _scans[1]?.Issues, _stores?.Notes));
        Context.Stop(Self);
    }
}
