using Akka.Actor;
using Akka.Event;
using Akka.Routing;
using SmbSyncCluster.Cluster.Limits;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Runs;

/// <summary>
/// Executes a plan stage by stage (<see cref="ExecutionStages"/>) through a round-robin pool of
/// <see cref="TransferWorker"/>s, keeping as many actions in flight as the pool has workers. Ended
/// items are gathered into <see cref="ItemBatch"/>es for the job to persist, so a crash loses at most
/// a batch of records (the next run finds those files converged, and copies nothing again).
/// A <see cref="ResizeRun"/> replaces the pool by one of the new size, which takes every attempt from
/// then on; the old pool is stopped once the attempts it runs have ended.
/// </summary>
public sealed class ExecutorActor : ReceiveActor, IWithTimers
{
    private sealed record Flush
    {
        public static Flush Instance { get; } = new();
    }

    private sealed record Resend(Transfer Transfer);

    private readonly string _runId;
    private readonly SyncPlan _plan;
    private readonly JobStores _stores;
    private readonly ExecutorOptions _options;
    private readonly RunEnvironment _environment;
    private readonly CancellationToken _ct;
    private readonly Queue<IReadOnlyList<SyncAction>> _stages = new();
    private readonly Queue<SyncAction> _pending = new();
    private readonly List<BaseChange> _changes = [];
    private readonly List<RunError> _errors = [];
    // The pool each attempt in flight was sent to, so that a pool replaced by a resize is stopped only
    // once its last attempt ended (AdjustPoolSize would poison routees whose attempts still run, and
    // their replies would be lost with them).
    private readonly Dictionary<SyncAction, IActorRef> _attempts = new(ReferenceEqualityComparer.Instance);
    // Transfers waiting for a slot on the remote's server (by lease), and the slot each running transfer holds.
    private readonly ServerSlotsLink? _slots;
    private readonly Dictionary<long, SyncAction> _awaitingSlot = [];
    private readonly Dictionary<SyncAction, long> _heldSlots = new(ReferenceEqualityComparer.Instance);
    private long _leases;
    private ProgressTracker _progress = null!;
    private ActionRunner _runner = null!;
    private IActorRef _pool = ActorRefs.Nobody;
    private int _pools;
    private int _limit;
    private long _bytesRecorded;
    private FileCounts _counts = FileCounts.Zero;
    private int _inFlight;
    private long _retries;
    private bool _paused;
    private bool _draining;

    /// <summary>Creates the executor of a run.</summary>
    public ExecutorActor(
        string runId, SyncPlan plan, JobStores stores, ExecutorOptions options, RunEnvironment environment, bool paused, CancellationToken ct, ServerSlotsLink? slots = null)
    {
        _slots = slots;
        _runId = runId;
        _plan = plan;
        _stores = stores;
        _options = options;
        _environment = environment;
        _paused = paused;
        _ct = ct;
        _limit = options.Workers;
        Receive<TransferSucceeded>(done =>
        {
            _changes.AddRange(done.Action.ToBaseChanges());
            _counts += RunSummaries.CountsOf(done.Action, done.Effect);
            AttemptEnded(done.Action);
            ItemEnded(done.Action);
        });
        Receive<TransferCancelled>(cancelled =>
        {
            AttemptEnded(cancelled.Action);
            ItemEnded(cancelled.Action);
        });
        Receive<TransferFailed>(failed =>
        {
            _errors.Add(RunSummaries.ErrorOf(failed.Failure));
            AttemptEnded(failed.Failure.Action);
            ItemEnded(failed.Failure.Action);
        });
        // The retry keeps its place in flight: the stage waits for it.
        Receive<TransferRetry>(retry =>
        {
            AttemptEnded(retry.Transfer.Action);
            Timers.StartSingleTimer(
                "retry-" + ++_retries, new Resend(retry.Transfer with { Attempt = retry.Transfer.Attempt + 1 }), _options.RetryDelay(retry.Transfer.Attempt));
        });
        Receive<Resend>(resend =>
        {
            if (_draining)
            {
                ItemEnded(resend.Transfer.Action); // not sent again: the run is stopping
                return;
            }
            Send(resend.Transfer);
        });
        Receive<ResizeRun>(resize =>
        {
            Context.GetLogger().Info("run {0}: {1} transfers at once from now on", _runId, resize.Workers);
            _limit = resize.Workers;
            var replaced = _pool;
            _pool = NewPool(resize.Workers);
            StopIfIdle(replaced);
            if (!_draining)
            {
                Dispatch(); // a larger pool starts more at once
            }
        });
        Receive<SlotGranted>(granted =>
        {
            if (!_awaitingSlot.Remove(granted.Lease, out var action))
            {
                Sender.Tell(new ReleaseSlot(granted.Server, granted.Lease)); // given up meanwhile
                return;
            }
            _heldSlots[action] = granted.Lease;
            Send(new Transfer(action, 1, Self));
        });
        Receive<DrainRun>(_ =>
        {
            _paused = _draining = true;
            // What still waits for a slot has not started: it is left undone, as the actions not yet dispatched are.
            foreach (var lease in _awaitingSlot.Keys.ToList())
            {
                _awaitingSlot.Remove(lease);
                _slots!.Gate.Tell(new ReleaseSlot(_slots.Server, lease));
                _inFlight--;
            }
            ReportDrained();
        });
        Receive<PauseRun>(_ => _paused = true);
        Receive<ResumeRun>(_ =>
        {
            _paused = false;
            Dispatch();
        });
        Receive<Flush>(_ => SendBatch());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a run's executor; <paramref name="options"/> carries the job's worker count.</summary>
    public static Props Props(
        string runId, SyncPlan plan, JobStores stores, ExecutorOptions options, RunEnvironment environment, bool paused, CancellationToken ct, ServerSlotsLink? slots = null) =>
        Akka.Actor.Props.Create(() => new ExecutorActor(runId, plan, stores, options, environment, paused, ct, slots));

    /// <inheritdoc />
    protected override void PreStart()
    {
        foreach (var stage in ExecutionStages.Of(_plan.Actions))
        {
            _stages.Enqueue(stage);
        }
        _progress = new ProgressTracker(
            _stages.Sum(s => s.Count), _stages.Sum(s => s.Sum(a => a.Size)), _options.ProgressInterval, new ProgressToActor(Context.Parent, _runId));
        _runner = new ActionRunner(_stores.Local, _stores.Remote, _options);
        _pool = NewPool(_limit);
        // Bookkeeping touches no store: recorded at once.
        foreach (var bookkeeping in _plan.Actions.Where(a => a.Kind is SyncActionKind.RecordConverged or SyncActionKind.ForgetBase))
        {
            _changes.AddRange(bookkeeping.ToBaseChanges());
        }
        Timers.StartPeriodicTimer(nameof(Flush), Flush.Instance, _environment.BatchInterval);
        Dispatch();
    }

    /// <summary>A run-fatal failure escalated by the pool: send what is done, then escalate to the run, which aborts.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ =>
    {
        SendBatch();
        return Directive.Escalate;
    }, loggingEnabled: false);

    private IActorRef NewPool(int workers) => Context.ActorOf(
        TransferWorker.Props(_runner, _progress, _ct)
            .WithDispatcher(_environment.Dispatcher)
            .WithRouter(new RoundRobinPool(workers).WithSupervisorStrategy(RunSupervision.ForTransferWorkers(_options.MaxAttempts))),
        "workers-" + ++_pools);

    /// <summary>
    /// Sends an action to the pool, a copy once the server's gate granted it a slot (the slot is kept through
    /// retries and given back when the item ends; the gate watches this actor, so a lost executor frees its slots).
    /// Waiting is a message, never a blocked thread.
    /// </summary>
    private void Start(SyncAction action)
    {
        if (_slots is null || action.Kind is not (SyncActionKind.Upload or SyncActionKind.Download))
        {
            Send(new Transfer(action, 1, Self));
            return;
        }
        var lease = ++_leases;
        _awaitingSlot[lease] = action;
        _slots.Gate.Tell(new AcquireSlot(_slots.Server, _slots.JobId, lease));
    }

    private void Send(Transfer transfer)
    {
        _pool.Tell(transfer);
        _attempts[transfer.Action] = _pool;
    }

    private void AttemptEnded(SyncAction action)
    {
        if (_attempts.Remove(action, out var pool) && !pool.Equals(_pool))
        {
            StopIfIdle(pool);
        }
    }

    private void StopIfIdle(IActorRef pool)
    {
        if (!_attempts.ContainsValue(pool))
        {
            Context.Stop(pool);
        }
    }

    private void ItemEnded(SyncAction action)
    {
        if (_heldSlots.Remove(action, out var lease))
        {
            _slots!.Gate.Tell(new ReleaseSlot(_slots.Server, lease));
        }
        _inFlight--;
        _progress.ItemDone();
        if (_changes.Count + _errors.Count >= _environment.BatchSize)
        {
            SendBatch();
        }
        if (_draining)
        {
            ReportDrained();
            return;
        }
        Dispatch();
    }

    private void ReportDrained()
    {
        if (_inFlight == 0)
        {
            SendBatch();
            Context.Parent.Tell(RunDrained.Instance);
        }
    }

    private void Dispatch()
    {
        while (true)
        {
            while (!_paused && _inFlight < _limit && _pending.TryDequeue(out var action))
            {
                Start(action);
                _inFlight++;
            }
            if (_pending.Count > 0 || _inFlight > 0)
            {
                return;
            }
            // A stage starts only once every action of the one before has ended.
            if (!_stages.TryDequeue(out var next))
            {
                _progress.Finish();
                SendBatch();
                Timers.CancelAll();
                Context.Parent.Tell(ExecutionFinished.Instance);
                Become(_ => { });
                return;
            }
            foreach (var action in next)
            {
                _pending.Enqueue(action);
            }
        }
    }

    private void SendBatch()
    {
        if (_changes.Count == 0 && _errors.Count == 0)
        {
            return;
        }
        var bytes = _progress.BytesDone;
        Context.Parent.Tell(new ItemBatch(_runId, [.. _changes], bytes - _bytesRecorded, _counts, [.. _errors]));
        _bytesRecorded = bytes;
        _changes.Clear();
        _errors.Clear();
        _counts = FileCounts.Zero;
    }

    private sealed class ProgressToActor(IActorRef target, string runId) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => target.Tell(new RunProgressed(runId, value));
    }
}
