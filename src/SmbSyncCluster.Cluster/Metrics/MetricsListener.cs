using Akka.Actor;
using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Cluster.Metrics;

/// <summary>
/// Feeds <see cref="JobMetrics"/> with the events the node's jobs persist, what each knows once recovered and
/// their watchers' problems (all published on the event stream).
/// </summary>
public sealed class MetricsListener : ReceiveActor
{
    /// <summary>Creates the listener.</summary>
    public MetricsListener(JobMetrics metrics)
    {
        Receive<IJobEvent>(metrics.Record);
        Receive<JobRecovered>(metrics.Record);
        Receive<Jobs.WatchProblem>(metrics.Record);
        Receive<ServerUnreachable>(metrics.Record);
    }

    /// <summary>The props of the listener.</summary>
    public static Props Props(JobMetrics metrics) => Akka.Actor.Props.Create(() => new MetricsListener(metrics));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(IJobEvent));
        Context.System.EventStream.Subscribe(Self, typeof(JobRecovered));
        Context.System.EventStream.Subscribe(Self, typeof(Jobs.WatchProblem));
        Context.System.EventStream.Subscribe(Self, typeof(ServerUnreachable));
    }

    /// <inheritdoc />
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
