using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;

namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// The cluster-wide topic on which jobs announce their views, so that listing jobs need not wake the
/// idle ones: a job publishes once recovered and after every change of its definition or run state;
/// each node's <see cref="JobReceptionist"/> keeps what it heard. Without a cluster (the one-shot CLI)
/// there is no topic: its jobs get no mediator and publish nothing.
/// </summary>
public static class JobViews
{
    /// <summary>The DistributedPubSub topic.</summary>
    public const string Topic = "job-views";

    /// <summary>The pub-sub mediator of <paramref name="system"/>, or null when it is not a cluster member.</summary>
    public static IActorRef? Mediator(ActorSystem system) =>
        ((ExtendedActorSystem)system).Provider is IClusterActorRefProvider ? DistributedPubSub.Get(system).Mediator : null;
}
