using Akka.Actor;
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
    private readonly string _jobId;
    private readonly JobState _state = new();

    /// <summary>Creates the actor for a job.</summary>
    public JobActor(string jobId)
    {
        _jobId = jobId;
        Recover<IJobEvent>(_state.Apply);
        Command<JobCommand>(Handle);
        Command<GetJob>(_ => Sender.Tell(View()));
    }

    /// <summary>The props for the job <paramref name="jobId"/>.</summary>
    public static Props Props(string jobId) => Akka.Actor.Props.Create(() => new JobActor(jobId));

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
            if (--remaining == 0)
            {
                sender.Tell(new CommandAccepted(_jobId));
            }
        });
    }

    private JobView View() => new(
        _jobId,
        _state.Deleted ? null : _state.Spec,
        _state.Status,
        _state.Run?.RunId,
        _state.History.Count > 0 ? _state.History[^1] : null,
        _state.Base.Count);
}
