using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.Client;
using Akka.Hosting;
using SmbSyncCluster.Cluster.Jobs;

namespace SmbSyncCluster.Cluster.Hosting;

/// <summary>Akka.Hosting wiring for the door to the jobs.</summary>
public static class JobReceptionistExtensions
{
    /// <summary>
    /// The node's <see cref="JobReceptionist"/> in front of the job shard region (so after
    /// <see cref="JobShardingExtensions.WithJobShardRegion"/>), at <c>/user/jobs</c>, registered in the
    /// <see cref="ActorRegistry"/> for the fronts (<c>IRequiredActor&lt;JobReceptionist&gt;</c>) and as the
    /// cluster client service remote systems reach.
    /// </summary>
    public static AkkaConfigurationBuilder WithJobReceptionist(this AkkaConfigurationBuilder builder) =>
        builder.WithClusterClientReceptionist().WithActors((system, registry) =>
        {
            var receptionist = system.ActorOf(JobReceptionist.Props(registry.Get<JobActor>()), JobReceptionist.Name);
            ClusterClientReceptionist.Get(system).RegisterService(receptionist);
            registry.Register<JobReceptionist>(receptionist);
        });
}
