using Akka.Actor;
using Akka.Event;
using Akka.Cluster.Sharding;
using Akka.Persistence;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;


namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// One sync job, event-sourced: commands go through <see cref="JobState.Decide"/>, the events it returns
/// are persisted and then applied, and the journal replays them on recovery. The actor only persists
/// and answers; the decisions live in <see cref="JobState"/>.
/// </summary>
public sealed class JobActor : ReceivePersistentActor
{
    /// <summary>Events between two snapshots: recovery replays at most this many.</summary>
    public const int DefaultSnapshotInterval = 100;

    /// <summary>How long a job without a run stays in memory before it passivates.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(2);

    private readonly string _jobId;
    private readonly int _snapshotInterval;
    private readonly TimeSpan _idleTimeout;
    private JobState _state = new();
    private int _eventsSinceSnapshot;

    /// <summary>Creates the actor for a job.</summary>
    public JobActor(string jobId, int snapshotInterval, TimeSpan idleTimeout)
    {
        _jobId = jobId;
        _snapshotInterval = snapshotInterval;
        _idleTimeout = idleTimeout;
        Recover<RecoveryCompleted>(_ => WatchIdleness());
        Recover<SnapshotOffer>(offer => _state = JobSnapshotCodec.Decode(((JobSnapshot)offer.Snapshot).Bytes));
        Recover<IJobEvent>(e => _state.Apply(e)); // not a method group: a snapshot offer replaces _state
        Command<JobCommand>(Handle);
        Command<GetJob>(_ => Sender.Tell(View()));
        // Remember-entities turns automatic passivation off, and a passivated entity leaves the
        // remembered set: so only a job with no run in flight passivates, and a running one is
        // started again on another node when its node is lost.
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
        Command<SaveSnapshotSuccess>(saved => DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)));
        // A failed snapshot costs only recovery time: the events are all in the journal.
        Command<SaveSnapshotFailure>(failed => Context.GetLogger().Warning(failed.Cause, "snapshot of job {0} failed", _jobId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failed => Context.GetLogger().Warning(failed.Cause, "old snapshots of job {0} were not deleted", _jobId));
    }

    /// <summary>The props for the job <paramref name="jobId"/>.</summary>
    public static Props Props(string jobId, int snapshotInterval = DefaultSnapshotInterval, TimeSpan? idleTimeout = null) =>
        Akka.Actor.Props.Create(() => new JobActor(jobId, snapshotInterval, idleTimeout ?? DefaultIdleTimeout));

    /// <inheritdoc />
    public override string PersistenceId => "job-" + _jobId;

    private void Handle(JobCommand command)
    {
        var decision = _state.Decide(command);
        if (decision.Refusal is { } refusal)
        {
            Sender.Tell(new CommandRefused(_jobId, refusal, decision.Reason ?? refusal.ToString()));
            return;
        }
        var sender = Sender;
        var remaining = decision.Events.Count;
        PersistAll(decision.Events, e =>
        {
            _state.Apply(e);
            // Counted per event, not by sequence number: a batch may jump past a multiple of the interval.
            if (++_eventsSinceSnapshot >= _snapshotInterval)
            {
                _eventsSinceSnapshot = 0;
                SaveSnapshot(new JobSnapshot(JobSnapshotCodec.Encode(_state)));
            }
            if (--remaining == 0)
            {
                WatchIdleness();
                sender.Tell(new CommandAccepted(_jobId));
            }
        });
    }

    private void WatchIdleness() => SetReceiveTimeout(_state.Run is null ? _idleTimeout : null);

    private JobView View() => new(
        _jobId,
        _state.Deleted ? null : _state.Spec,
        _state.Status,
        _state.Run?.RunId,
        _state.History.Count > 0 ? _state.History[^1] : null,
        _state.Base.Count);
}
