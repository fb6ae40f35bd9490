using Akka.Configuration;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using SmbSyncCluster.Cluster.Jobs;
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
            (system, _) =>
            {
                var views = DistributedPubSub.Get(system).Mediator;
                return id => JobActor.Props(id, environment, snapshotInterval, idleTimeout, views);
            },
            new JobMessageExtractor(),
            new ShardOptions
            {
                RememberEntities = true,
                RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                StateStoreMode = StateStoreMode.DData,
            });

    /// <summary>The dispatchers of <c>hocon/dispatchers.conf</c> (embedded), as defaults a deployment may override.</summary>
    public static AkkaConfigurationBuilder WithRunDispatchers(this AkkaConfigurationBuilder builder) => builder.WithEmbeddedHocon("dispatchers.conf");

    /// <summary>The cluster settings of <c>hocon/cluster.conf</c> (embedded), as defaults a deployment may override.</summary>
    public static AkkaConfigurationBuilder WithClusterDefaults(this AkkaConfigurationBuilder builder) => builder.WithEmbeddedHocon("cluster.conf");

    private static AkkaConfigurationBuilder WithEmbeddedHocon(this AkkaConfigurationBuilder builder, string name)
    {
        using var stream = typeof(JobShardingExtensions).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(name + " is not embedded");
        using var reader = new StreamReader(stream);
        return builder.AddHocon(ConfigurationFactory.ParseString(reader.ReadToEnd()), HoconAddMode.Append);
    }
}
