using Akka;
using Akka.Actor;
using Akka.Cluster.Sharding;
using SmbSyncCluster.Cluster.Runs;

namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// The jobs of a process that is not a cluster member (the one-shot CLI): the same <see cref="JobActor"/>s
/// on the same journal, addressed by job id like the shard region addresses them, without remoting,
/// cluster membership and shard allocation to start first. A job that asks to passivate is stopped.
/// </summary>
public sealed class LocalJobs : ReceiveActor
{
    private readonly JobMessageExtractor _extractor = new();

    private IActorRef? _stopRequester;

    /// <summary>To the jobs' parent: stop every job once its snapshot writes ended (<see cref="StopWhenSettled"/>), then answer <see cref="Done"/>.</summary>
    public sealed record StopAll
    {
        /// <summary>The message.</summary>
        public static StopAll Instance { get; } = new();
    }

    /// <summary>Creates the parent of the process's jobs.</summary>
    public LocalJobs(RunEnvironment environment)
    {
        Receive<Passivate>(_ => Context.Stop(Sender));
        Receive<StopAll>(_ =>
        {
            _stopRequester = Sender;
            foreach (var job in Context.GetChildren())
            {
                Context.Watch(job);
                job.Tell(StopWhenSettled.Instance);
            }
            ReplyOnceStopped();
        });
        Receive<Terminated>(_ => ReplyOnceStopped());
        ReceiveAny(message =>
        {
            if (_extractor.EntityId(message) is not { } id)
            {
                Unhandled(message);
                return;
            }
            var name = Uri.EscapeDataString(id);
            var job = Context.Child(name);
            if (job.IsNobody())
            {
                job = Context.ActorOf(JobActor.Props(id, environment), name);
            }
            job.Forward(message);
        });
    }

    private void ReplyOnceStopped()
    {
        if (_stopRequester is not null && !Context.GetChildren().Any())
        {
            _stopRequester.Tell(Done.Instance);
            _stopRequester = null;
        }
    }

    /// <summary>The props of the jobs' parent.</summary>
    public static Props Props(RunEnvironment environment) => Akka.Actor.Props.Create(() => new LocalJobs(environment));
}
