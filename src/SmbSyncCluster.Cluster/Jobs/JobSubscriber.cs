using System.Threading.Channels;
using Akka.Actor;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// Subscribes to one job (<see cref="SubscribeJob"/>, sent to the receptionist, the shard region or
/// <see cref="LocalJobs"/>) and writes every view the job pushes to a channel, for code outside the
/// actors (an HTTP event stream, the CLI following a run). The job is watched: when it terminates (handed
/// over to another node, its node lost, passivated) the subscriber subscribes again, and the job's new
/// incarnation answers with its view. A subscription that went astray (sent to a node that was dying)
/// is renewed every <see cref="ResubscribeInterval"/> all the same. A job that refuses the subscription
/// (no job can have that id) completes the channel without a view. Stopping the subscriber completes
/// the channel; the job drops it as it sees it terminate.
/// </summary>
public sealed class JobSubscriber : ReceiveActor, IWithTimers
{
    /// <summary>How often a subscription is renewed however it goes: the bound on how long a lost one stays lost.</summary>
    public static readonly TimeSpan ResubscribeInterval = TimeSpan.FromSeconds(30);

    /// <summary>How long after its job terminated the subscriber asks again (the shard region buffers meanwhile).</summary>
    private static readonly TimeSpan AfterTermination = TimeSpan.FromMilliseconds(250);

    private readonly IActorRef _jobs;
    private readonly string _jobId;
    private readonly ChannelWriter<JobView> _views;
    private IActorRef? _job;

    /// <summary>Timer to subscriber: subscribe again.</summary>
    private sealed record Resubscribe
    {
        public static Resubscribe Instance { get; } = new();
    }

    /// <summary>Creates a subscriber of job <paramref name="jobId"/>, reached through <paramref name="jobs"/>, writing to <paramref name="views"/>.</summary>
    public JobSubscriber(IActorRef jobs, string jobId, ChannelWriter<JobView> views)
    {
        _jobs = jobs;
        _jobId = jobId;
        _views = views;
        Receive<JobView>(view =>
        {
            if (!Sender.Equals(_job))
            {
                if (_job is not null)
                {
                    Context.Unwatch(_job);
                }
                _job = Context.Watch(Sender);
            }
            _views.TryWrite(view);
        });
        Receive<CommandRefused>(_ => Context.Stop(Self));
        Receive<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(_job))
            {
                _job = null;
                Timers.StartSingleTimer(nameof(AfterTermination), Resubscribe.Instance, AfterTermination);
            }
        });
        Receive<Resubscribe>(_ => Subscribe());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a subscriber.</summary>
    public static Props Props(IActorRef jobs, string jobId, ChannelWriter<JobView> views) =>
        Akka.Actor.Props.Create(() => new JobSubscriber(jobs, jobId, views));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Subscribe();
        Timers.StartPeriodicTimer(nameof(ResubscribeInterval), Resubscribe.Instance, ResubscribeInterval);
    }

    /// <inheritdoc />
    protected override void PostStop() => _views.TryComplete();

    private void Subscribe() => _jobs.Tell(new SubscribeJob(_jobId));
}
