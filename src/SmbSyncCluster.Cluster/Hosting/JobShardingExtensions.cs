using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Limits;
using SmbSyncCluster.Cluster.Runs;

namespace SmbSyncCluster.Cluster.Hosting;

/// <summary>Akka.Hosting wiring for the sharded jobs.</summary>
public static class JobShardingExtensions
{
    /// <summary>The shard region's type name.</summary>
    public const string TypeName = "job";

    /// <summary>
    /// The job shard region, with remember-entities kept in the journal (the DData store needs a
    /// LightningDB this registry does not serve), so that jobs running when a node is lost start
    /// again on the survivors.
    /// </summary>
    public static AkkaConfigurationBuilder WithJobShardRegion(
        this AkkaConfigurationBuilder builder, RunEnvironment environment, int snapshotInterval = JobActor.DefaultSnapshotInterval, TimeSpan? idleTimeout = null) =>
        builder.WithRunDispatchers().WithShardRegion<JobActor>(
            TypeName,
            (system, registry) =>
            {
                var views = DistributedPubSub.Get(system).Mediator;
                // The server gate, when the node runs one (WithServerGate), is looked up as each job starts.
                return id => JobActor.Props(
                    id, registry.TryGet<ServerGate>(out var gate) ? environment with { ServerGate = gate } : environment, snapshotInterval, idleTimeout, views);
            },
            new JobMessageExtractor(),
            new ShardOptions
            {
                RememberEntities = true,
                RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                StateStoreMode = StateStoreMode.DData,
            });

    /// <summary>The dispatchers of <c>hocon/dispatchers.conf</c> (embedded), as a fallback: no Akka default names them.</summary>
    public static AkkaConfigurationBuilder WithRunDispatchers(this AkkaConfigurationBuilder builder) =>
        builder.AddHocon(EmbeddedHocon.Dispatchers, HoconAddMode.Append);
}
