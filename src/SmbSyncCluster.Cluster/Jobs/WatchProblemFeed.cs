using System.Threading.Channels;
using Akka.Actor;

namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// The <see cref="WatchProblem"/>s of one job, as a channel to read from outside the actors. Problems come far
/// apart (a watcher is tried again after seconds); a reader that falls behind keeps the latest. Disposing it ends
/// the subscription.
/// </summary>
public sealed class WatchProblemFeed : IDisposable
{
    private const int Kept = 16;

    private readonly IActorRef _listener;

    private WatchProblemFeed(IActorRef listener, ChannelReader<string> problems)
    {
        _listener = listener;
        Problems = problems;
    }

    /// <summary>Each problem's line, oldest first.</summary>
    public ChannelReader<string> Problems { get; }

    /// <summary>Listens on <paramref name="system"/>'s event stream for job <paramref name="jobId"/>'s problems.</summary>
    public static WatchProblemFeed Open(ActorSystem system, string jobId)
    {
        ArgumentNullException.ThrowIfNull(system);
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(Kept) { FullMode = BoundedChannelFullMode.DropOldest });
        return new WatchProblemFeed(system.ActorOf(Props.Create(() => new Listener(jobId, channel.Writer))), channel.Reader);
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Tell(PoisonPill.Instance);

    private sealed class Listener : ReceiveActor
    {
        private readonly ChannelWriter<string> _problems;

        public Listener(string jobId, ChannelWriter<string> problems)
        {
            _problems = problems;
            Receive<WatchProblem>(p => p.JobId == jobId, p => problems.TryWrite(p.Problem));
        }

        protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(WatchProblem));

        protected override void PostStop()
        {
            Context.System.EventStream.Unsubscribe(Self);
            _problems.TryComplete();
        }
    }
}
