using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using SmbSyncCluster.Cluster.Metrics;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// One sync job, event-sourced: commands go through <see cref="JobState.Decide"/>, the events it returns
/// are persisted and then applied, and the journal replays them on recovery. A run is a child
/// <see cref="RunActor"/> whose ended items are persisted here in batches as they come, so a run
/// interrupted by a crash is resumed on recovery (rescanned, replanned) without redoing what was recorded.
/// A job with an interval starts its runs by itself when <see cref="JobSchedule"/> says they are due.
/// Its view is pushed to the actors that subscribed (<see cref="SubscribeJob"/>): at once when its
/// definition or run state changes, at most every <see cref="ProgressPushInterval"/> when only the
/// run's progress or counts moved.
/// </summary>
public sealed class JobActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>What a job's persistence id starts with; the rest is the job id.</summary>
    public const string PersistencePrefix = "job-";

    /// <summary>Events between two snapshots: recovery replays at most this many.</summary>
    public const int DefaultSnapshotInterval = 100;

    /// <summary>How long a job without a run or a schedule stays in memory before it passivates.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Least time between two views pushed to subscribers for progress alone (a change of state goes at once).</summary>
    public static readonly TimeSpan ProgressPushInterval = TimeSpan.FromMilliseconds(250);

    private const string ScheduleTimer = "schedule";
    private const string PushTimer = "push";

    private readonly string _jobId;
    private readonly RunEnvironment _environment;
    private readonly TimeSpan _idleTimeout;
    private readonly SnapshotPolicy _snapshots;
    private readonly IActorRef? _views;
    private JobState _state = new();
    private int _snapshotWrites;
    private bool _stopping;
    private IActorRef? _run;
    private SyncProgress? _progress;
    private string? _runCrash;
    private readonly HashSet<IActorRef> _subscribers = [];
    private JobView? _pushed;
    private long _pushedAt;
    private RunSummary? _lastShown;
    private IActorRef? _watch;
    private JobSpec? _watched;
    private int _watches;
    private ScanScope? _pendingScope;
    private (string RunId, ScanScope? Scope)? _scopedRun;

    /// <summary>Timer to job: its scheduled run is due.</summary>
    private sealed record ScheduledRunDue
    {
        public static ScheduledRunDue Instance { get; } = new();
    }

    /// <summary>Timer to job: a view held back by <see cref="ProgressPushInterval"/> is due to its subscribers.</summary>
    private sealed record PushDue
    {
        public static PushDue Instance { get; } = new();
    }

    /// <summary>A definition and the ways it oversteps the node's limits.</summary>
    private sealed record DefinitionChecked(DefineJob Define, IActorRef ReplyTo, IReadOnlyList<JobSpecError> Problems);

    /// <summary>Creates the actor for a job; in a cluster, <paramref name="views"/> is the pub-sub mediator it publishes its view to.</summary>
    public JobActor(string jobId, RunEnvironment environment, int snapshotInterval, TimeSpan idleTimeout, IActorRef? views)
    {
        _jobId = jobId;
        _views = views;
        _environment = environment;
        _snapshots = new SnapshotPolicy(snapshotInterval);
        _idleTimeout = idleTimeout;
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Recover<SnapshotOffer>(offer => _state = JobSnapshotCodec.Decode(((JobSnapshot)offer.Snapshot).Bytes));
        Recover<IJobEvent>(e =>
        {
            _state.Apply(e); // not a method group: a snapshot offer replaces _state
            _snapshots.Replayed(e);
        });
        // A definition is checked against the node's limits first, off the actor's thread (they look at the disk).
        Command<DefineJob>(define =>
        {
            var (limits, replyTo) = (_environment.Limits, Sender);
            Task.Run(() => new DefinitionChecked(define, replyTo, limits.Check(define.Spec))).PipeTo(Self,
                failure: e => new DefinitionChecked(define, replyTo, [new JobSpecError("localPath", "cannot be checked: " + e.Message)]));
        });
        Command<DefinitionChecked>(checkedDefinition => Handle(checkedDefinition.Define, checkedDefinition.ReplyTo, checkedDefinition.Problems));
        Command<JobCommand>(command => Handle(command, Sender));
        Command<ScheduledRunDue>(_ => StartScheduledRun());
        Command<WatchActor.ChangesSeen>(seen =>
        {
            (_pendingScope ??= new ScanScope()).Merge(seen.Scope);
            StartWatchedRun();
        });
        Command<GetJob>(_ => Sender.Tell(View()));
        Command<GetJobHistory>(_ => Sender.Tell(new JobHistory(_jobId, [.. _state.History])));
        Command<GetJobStatistics>(_ => Sender.Tell(Statistics()));
        Command<SubscribeJob>(_ => Subscribe(Sender));
        Command<PushDue>(_ => Push());
        Command<ItemBatch>(OnItems);
        Command<RunProgressed>(p =>
        {
            if (p.RunId == _state.Run?.RunId)
            {
                _progress = p.Progress;
                Push();
            }
        });
        Command<RunEnded>(OnRunEnded);
        Command<Terminated>(terminated =>
        {
            if (_subscribers.Remove(terminated.ActorRef))
            {
                ArmIdleTimeout();
                return;
            }
            OnRunTerminated(terminated);
        });
        // Only a job that is idle, unscheduled and unwatched gets a receive timeout (see ArmIdleTimeout).
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
        Command<SaveSnapshotSuccess>(saved => Compact(saved.Metadata.SequenceNr));
        // A failed snapshot costs only recovery time: the events are all in the journal.
        Command<SaveSnapshotFailure>(failed =>
        {
            Context.GetLogger().Warning(failed.Cause, "snapshot of job {0} failed", _jobId);
            SnapshotWriteEnded();
        });
        Command<DeleteSnapshotsSuccess>(_ => SnapshotWriteEnded());
        Command<DeleteSnapshotsFailure>(failed =>
        {
            Context.GetLogger().Warning(failed.Cause, "old snapshots of job {0} were not deleted", _jobId);
            SnapshotWriteEnded();
        });
        Command<DeleteMessagesSuccess>(_ => SnapshotWriteEnded());
        // Events left behind are only replayed no more: the next compaction deletes them with its own.
        Command<DeleteMessagesFailure>(failed =>
        {
            Context.GetLogger().Warning(failed.Cause, "events of job {0} before its snapshot were not deleted", _jobId);
            SnapshotWriteEnded();
        });
        Command<StopWhenSettled>(_ =>
        {
            _stopping = true;
            StopIfSettled();
        });
    }

    /// <summary>The props for the job <paramref name="jobId"/>.</summary>
    public static Props Props(
        string jobId, RunEnvironment environment, int snapshotInterval = DefaultSnapshotInterval, TimeSpan? idleTimeout = null, IActorRef? views = null) =>
        Akka.Actor.Props.Create(() => new JobActor(jobId, environment, snapshotInterval, idleTimeout ?? DefaultIdleTimeout, views));

    /// <inheritdoc />
    public override string PersistenceId => PersistencePrefix + _jobId;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>A run that throws is stopped, and ends as aborted with what it threw (see <see cref="OnRunTerminated"/>).</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(error =>
    {
        _runCrash = error.Message;
        Context.GetLogger().Error(error, "run of job {0} crashed", _jobId);
        return Directive.Stop;
    }, loggingEnabled: false);

    private void OnRecovered()
    {
        if (_state.Exists)
        {
            Context.System.EventStream.Publish(new JobRecovered(_jobId, _state.Spec!.IntervalSeconds, _state.History.LastOrDefault()?.FinishedAt, _state.LastCompletedAt));
        }
        if (_state.Run is { Stopping: true } stopping && _state.Spec is { } spec)
        {
            // Asked to stop before the restart: it ends now, as stopped, with what was recorded.
            PersistEvents([new RunFinished(_jobId, RunSummaries.Build(stopping, spec.Mode, null, null, stopped: true, Now))], PlanAhead);
            return;
        }
        if (_state.Run is { } run && !_state.Deleted)
        {
            Context.GetLogger().Info("job {0}: resuming run {1} after a restart", _jobId, run.RunId);
            StartRun(run);
        }
        PlanAhead();
    }

    /// <summary>Decides <paramref name="command"/>, persists what it produces and answers <paramref name="replyTo"/>, if any.</summary>
    private void Handle(JobCommand command, IActorRef? replyTo, IReadOnlyList<JobSpecError>? limitProblems = null)
    {
        var decision = _state.Decide(command, Now, limitProblems);
        if (decision.Refusal is { } refusal)
        {
            replyTo?.Tell(new CommandRefused(_jobId, refusal, decision.Reason ?? refusal.ToString(), decision.Field, decision.Problems));
            return;
        }
        Carry(decision.Events, replyTo);
    }

    /// <summary>Persists what a command decided, then acts on it and answers.</summary>
    private void Carry(IReadOnlyList<IJobEvent> events, IActorRef? replyTo)
    {
        PersistEvents(events, () =>
        {
            foreach (var e in events)
            {
                Follow(e);
            }
            PlanAhead();
            replyTo?.Tell(new CommandAccepted(_jobId));
        });
    }

    /// <summary>A scheduled run starts like a user's, through <see cref="JobState.Decide"/>, so it is journaled and never doubles a run.</summary>
    private void StartScheduledRun()
    {
        var now = Now;
        var runId = Contracts.StartRun.NewRunId(now, scheduled: true);
        Context.GetLogger().Info("job {0}: scheduled run {1} is due", _jobId, runId);
        Handle(new StartRun(_jobId, runId, now, DryRun: false), replyTo: null);
    }

    /// <summary>What a user's command means for the run child, once persisted.</summary>
    private void Follow(IJobEvent e)
    {
        switch (e)
        {
            case JobDefined defined:
                // Only the worker count and the schedule may change under a run; the run follows the former.
                _run?.Tell(new ResizeRun(defined.Spec.Workers));
                break;
            case RunStarted when _state.Run is { } run:
                StartRun(run);
                break;
            case RunControlled { Control: RunControl.Pause }:
                _run?.Tell(PauseRun.Instance);
                break;
            case RunControlled { Control: RunControl.Resume } when _run is not null:
                _run.Tell(ResumeRun.Instance);
                break;
            case RunControlled { Control: RunControl.Resume } when _state.Run is { } run:
                StartRun(run);
                break;
            case RunControlled { Control: RunControl.Stop }:
                // The run ends what is in flight, sends what ended, then reports its end (RunEnded).
                _run?.Tell(DrainRun.Instance);
                break;
        }
    }

    private void OnItems(ItemBatch batch)
    {
        // A batch of a run that was stopped is dropped once another run started: the detector of the
        // new run reads the base, which must not change under it. Those files read as converged next time.
        if (_state.Run is { } run && run.RunId != batch.RunId)
        {
            return;
        }
        var events = new List<IJobEvent>(2);
        if (batch.Changes.Count > 0)
        {
            events.Add(new ItemsSynced(_jobId, batch.RunId, batch.Changes, batch.Bytes, batch.Counts == FileCounts.Zero ? null : batch.Counts));
        }
        if (batch.Errors.Count > 0 && _state.Run is { } failing)
        {
            events.Add(failing.Failed(_jobId, batch.Errors));
            // The log lists every failed item, also those past the summary's limit or summed up in one line there.
            foreach (var error in batch.Errors)
            {
                Context.GetLogger().Warning("job {0}, run {1}: {2} failed ({3}): {4}", _jobId, batch.RunId, error.Path, error.Action.WireName, error.Message);
            }
        }
        PersistEvents(events, Push);
    }

    private void OnRunEnded(RunEnded ended)
    {
        if (_state.Run is not { } run || run.RunId != ended.RunId || _state.Spec is not { } spec)
        {
            return;
        }
        _run = null;
        var summary = RunSummaries.Build(run, spec.Mode, ended.Plan, ended.AbortReason, ended.Stopped || run.Stopping, Now, ended.LocalIssues, ended.RemoteIssues, ended.Notes);
        // The plan a dry run or a refused run lists goes to those who asked, not into the journal: it may be long,
        // and it tells what the run would have done, not what it did.
        _lastShown = PlanListing.With(summary, ended.Plan);
        PersistEvents([new RunFinished(_jobId, summary)], StopRun);
    }

    private void OnRunTerminated(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_run) || _state.Run is not { } run || _state.Spec is not { } spec)
        {
            return;
        }
        _run = null;
        var reason = "internal error: " + (_runCrash ?? "the run stopped unexpectedly");
        PersistEvents([new RunFinished(_jobId, RunSummaries.Build(run, spec.Mode, null, reason, stopped: false, Now))], StopRun);
    }

    /// <summary>
    /// Starts a run of what the watchers saw change, unless a run is in progress (its end starts it). A run
    /// resumed after a restart scans everything: the scope it had is not kept.
    /// </summary>
    private void StartWatchedRun()
    {
        if (_pendingScope is not { } scope || _state.Run is not null || _run is not null || !_state.Exists)
        {
            return;
        }
        _pendingScope = null;
        var now = Now;
        var runId = Contracts.StartRun.NewRunId(now, scheduled: true);
        var decision = _state.Decide(new StartRun(_jobId, runId, now, DryRun: false), now);
        if (decision.Refusal is not null)
        {
            return;
        }
        _scopedRun = (runId, scope.Lists("", out var everything) && everything ? null : scope);
        // Marked as the watchers': one that finds nothing to do (the job's own writes seen) stays out of the history.
        Carry([.. decision.Events.Select(e => e is RunStarted started ? started with { Watched = true } : e)], replyTo: null);
    }

    /// <summary>
    /// Starts or stops watching as the spec says; a watch follows the places, credential, filters and name encoding
    /// it was started with, so a change of any of them starts it again.
    /// </summary>
    private void FollowWatch()
    {
        var spec = _state.Exists && _state.Spec!.Watch ? _state.Spec : null;
        if (_watch is not null && (spec is null || !WatchesAlike(_watched!, spec)))
        {
            Context.Stop(_watch);
            (_watch, _watched, _pendingScope) = (null, null, null);
        }
        if (spec is not null && _watch is null)
        {
            _watch = Context.ActorOf(WatchActor.Props(spec, _environment, _environment.Watching), "watch-" + (++_watches).ToString(CultureInfo.InvariantCulture));
            _watched = spec;
        }
    }

    private static bool WatchesAlike(JobSpec a, JobSpec b) =>
        a.SyncsSamePlaces(b) && a.Credential == b.Credential && a.Exclude.SequenceEqual(b.Exclude) && a.Include.SequenceEqual(b.Include)
        && a.EncodeNames == b.EncodeNames;

    private void StartRun(ActiveRun run)
    {
        var scope = _scopedRun is { } scoped && scoped.RunId == run.RunId ? scoped.Scope : null;
        _scopedRun = null;
        var order = new RunOrder(_state.Spec!, run.RunId, run.DryRun, run.Force, run.MaxDeletePercent, run.Paused, scope);
        _runCrash = null;
        _progress = null;
        _run = Context.Watch(Context.ActorOf(RunActor.Props(order, _state.Base, _environment), "run-" + Uri.EscapeDataString(run.RunId)));
    }

    private void StopRun()
    {
        if (_run is not null)
        {
            Context.Unwatch(_run);
            Context.Stop(_run);
            _run = null;
        }
        _progress = null;
        PlanAhead();
    }

    private void PersistEvents(IReadOnlyList<IJobEvent> events, Action afterAll)
    {
        if (events.Count == 0)
        {
            afterAll();
            return;
        }
        var remaining = events.Count;
        PersistAll(events, e =>
        {
            var quiet = e is RunFinished finished && _state.EndsQuietly(finished);
            _state.Apply(e);
            Context.System.EventStream.Publish(e); // for the node's metrics
            RunLog.Persisted(Context.GetLogger(), e, quiet);
            // Counted per event, not by sequence number: a batch may jump past a multiple of the interval.
            if (_snapshots.Persisted(e))
            {
                SaveSnapshot(new JobSnapshot(JobSnapshotCodec.Encode(_state)));
                _snapshotWrites++;
            }
            if (--remaining == 0)
            {
                afterAll();
            }
        });
    }

    private DateTimeOffset Now => _environment.Clock.GetUtcNow();

    /// <summary>
    /// Once a snapshot at <paramref name="sequenceNr"/> is stored, recovery needs nothing before it: the
    /// older snapshots and the events before it go, so a job's journal holds its latest snapshot and the
    /// events since, however many runs it made. The snapshot is saved first, so a crash before or during
    /// these deletions leaves a journal that recovers as before (older rows are only never read again).
    /// The snapshot's own event stays: the job lists are read from the journal's persistence ids, which
    /// leave out a job whose every event is deleted.
    /// </summary>
    private void Compact(long sequenceNr)
    {
        DeleteSnapshots(new SnapshotSelectionCriteria(sequenceNr - 1));
        _snapshotWrites++;
        if (sequenceNr > 1)
        {
            DeleteMessages(sequenceNr - 1);
            _snapshotWrites++;
        }
        SnapshotWriteEnded();
    }

    private void SnapshotWriteEnded()
    {
        _snapshotWrites--;
        StopIfSettled();
    }

    /// <summary>A job asked to stop goes once its snapshot writes (saves, deletions of older ones) have ended.</summary>
    private void StopIfSettled()
    {
        if (_stopping && _snapshotWrites == 0)
        {
            Context.Stop(Self);
        }
    }

    /// <summary>
    /// What the job does next by itself: arm the timer of its scheduled run, if one is to come, and
    /// passivate once idle. Remember-entities turns automatic passivation off, and a passivated entity
    /// leaves the remembered set: so a job with a run in flight or a schedule never passivates, and is
    /// started again on another node when its node is lost, where its schedule is computed again from
    /// the journal.
    /// </summary>
    private void PlanAhead()
    {
        var now = Now;
        if (JobSchedule.NextRun(_state, now, _environment.IntervalSecond) is { } due)
        {
            Timers.StartSingleTimer(ScheduleTimer, ScheduledRunDue.Instance, due - now);
        }
        else
        {
            Timers.Cancel(ScheduleTimer);
        }
        ArmIdleTimeout();
        FollowWatch();
        StartWatchedRun();
        // Every change of definition or run state ends here, as does recovery.
        if (_views is not null)
        {
            PublishView(_views);
        }
        Push();
    }

    /// <summary>
    /// Only a job that is idle, unscheduled and unwatched gets a receive timeout: a subscriber (an event
    /// stream, a CLI following a run) keeps it in memory, as its questions did when it polled.
    /// </summary>
    private void ArmIdleTimeout()
    {
        var scheduled = _state.Exists && (_state.Spec!.IntervalSeconds is not null || _state.Spec.Watch);
        SetReceiveTimeout(_state.Run is null && !scheduled && _subscribers.Count == 0 ? _idleTimeout : null);
    }

    /// <summary>Watches <paramref name="subscriber"/> (dropped once it terminates) and answers the current view at once.</summary>
    private void Subscribe(IActorRef subscriber)
    {
        if (subscriber.IsNobody())
        {
            return;
        }
        if (_subscribers.Add(subscriber))
        {
            Context.Watch(subscriber);
            ArmIdleTimeout();
        }
        subscriber.Tell(View());
    }

    /// <summary>
    /// Sends the subscribers the view if it changed: at once when the status, run, phase, last run or spec
    /// did (so the final state is never held back), else at most every <see cref="ProgressPushInterval"/>,
    /// the view held back going when the interval is over.
    /// </summary>
    private void Push()
    {
        if (_subscribers.Count == 0)
        {
            return;
        }
        var view = View();
        if (view == _pushed)
        {
            return;
        }
        var wait = ProgressPushInterval - Stopwatch.GetElapsedTime(_pushedAt);
        if (_pushed is not null && !StateChanged(_pushed, view) && wait > TimeSpan.Zero)
        {
            if (!Timers.IsTimerActive(PushTimer))
            {
                Timers.StartSingleTimer(PushTimer, PushDue.Instance, wait);
            }
            return;
        }
        Timers.Cancel(PushTimer);
        _pushed = view;
        _pushedAt = Stopwatch.GetTimestamp();
        foreach (var subscriber in _subscribers)
        {
            subscriber.Tell(view);
        }
    }

    private static bool StateChanged(JobView before, JobView after) =>
        before.Status != after.Status || before.RunId != after.RunId || before.Progress?.Phase != after.Progress?.Phase
        || !ReferenceEquals(before.LastRun, after.LastRun) || !ReferenceEquals(before.Spec, after.Spec) || before.NextRunAt != after.NextRunAt;

    /// <summary>
    /// Tells the listings (<see cref="JobViews"/>), with the last run as the journal keeps it (no plan: a listing
    /// of many jobs would carry each one's); apart, so that a job outside a cluster never loads pub-sub.
    /// </summary>
    private void PublishView(IActorRef views) => views.Tell(new Publish(JobViews.Topic, View() with { LastRun = StoredLastRun }));

    private RunSummary? StoredLastRun => _state.History.Count > 0 ? _state.History[^1] : null;

    /// <summary>The last run as this job shows it: with the plan it listed, if it listed one (<see cref="PlanListing"/>).</summary>
    private RunSummary? LastRun => StoredLastRun is { } stored && _lastShown?.RunId == stored.RunId ? _lastShown : StoredLastRun;

    private JobStatistics Statistics() => _state.Days.Statistics(_jobId, NodeAddress, Now);

    private string NodeAddress => ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();

    private JobView View() => new(
        _jobId,
        _state.Deleted ? null : _state.Spec,
        _state.Status,
        _state.Run?.RunId,
        _state.Run is null ? null : _progress,
        LastRun,
        _state.Base.Count,
        NodeAddress,
        JobSchedule.NextRun(_state, Now, _environment.IntervalSecond),
        LastSequenceNr);
}
