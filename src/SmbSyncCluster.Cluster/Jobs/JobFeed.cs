using System.Threading.Channels;
using Akka.Actor;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// The views a job pushes, as a channel to read from outside the actors: a <see cref="JobSubscriber"/>
/// writes them, the first being the job's view when subscribed. Only the latest views are kept for a
/// reader that falls behind (each view is whole, so the newest says all). Disposing it ends the subscription.
/// </summary>
public sealed class JobFeed : IDisposable
{
    /// <summary>Views kept for a reader that falls behind; older ones are dropped.</summary>
    private const int Kept = 64;

    private readonly IActorRef _subscriber;

    private JobFeed(IActorRef subscriber, ChannelReader<JobView> views)
    {
        _subscriber = subscriber;
        Views = views;
    }

    /// <summary>The job's views, oldest first; completed when the job refused the subscription (no such id) or the feed was disposed.</summary>
    public ChannelReader<JobView> Views { get; }

    /// <summary>Subscribes to job <paramref name="jobId"/> through <paramref name="jobs"/> (the receptionist, the shard region or <see cref="LocalJobs"/>).</summary>
    public static JobFeed Open(IActorRefFactory actors, IActorRef jobs, string jobId)
    {
        ArgumentNullException.ThrowIfNull(actors);
        var channel = Channel.CreateBounded<JobView>(new BoundedChannelOptions(Kept)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        return new JobFeed(actors.ActorOf(JobSubscriber.Props(jobs, jobId, channel.Writer)), channel.Reader);
    }

    /// <inheritdoc />
    public void Dispose() => _subscriber.Tell(PoisonPill.Instance);
}
