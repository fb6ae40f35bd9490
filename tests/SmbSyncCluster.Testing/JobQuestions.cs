using Akka.Actor;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Testing;

/// <summary>
/// Counts the questions for a job's view (<see cref="GetJob"/>) and the subscriptions (<see cref="SubscribeJob"/>)
/// that reach the jobs through <see cref="Forwarding"/>: proves that a follower subscribes instead of polling.
/// </summary>
public sealed class JobQuestions
{
    private int _getJob;
    private int _subscribeJob;

    /// <summary><see cref="Contracts.GetJob"/> messages forwarded so far.</summary>
    public int GetJob => Volatile.Read(ref _getJob);

    /// <summary><see cref="Contracts.SubscribeJob"/> messages forwarded so far.</summary>
    public int SubscribeJob => Volatile.Read(ref _subscribeJob);

    /// <summary>An actor that forwards everything to <paramref name="jobs"/> (a shard region, the local jobs or a receptionist), counting.</summary>
    public Props Forwarding(IActorRef jobs) => Props.Create(() => new Door(jobs, this));

    private sealed class Door : ReceiveActor
    {
        public Door(IActorRef jobs, JobQuestions questions) => ReceiveAny(message =>
        {
            switch (message)
            {
                case Contracts.GetJob:
                    Interlocked.Increment(ref questions._getJob);
                    break;
                case Contracts.SubscribeJob:
                    Interlocked.Increment(ref questions._subscribeJob);
                    break;
            }
            jobs.Forward(message);
        });
    }
}
