using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using SmbSyncCluster.Cluster.Jobs;

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
        this AkkaConfigurationBuilder builder, int snapshotInterval = JobActor.DefaultSnapshotInterval, TimeSpan? idleTimeout = null) =>
        builder.WithShardRegion<JobActor>(
            TypeName,
            id => JobActor.Props(id, snapshotInterval, idleTimeout),
            new JobMessageExtractor(),
            new ShardOptions
            {
                RememberEntities = true,
                RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                StateStoreMode = StateStoreMode.DData,
            });
}
