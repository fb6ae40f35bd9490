using Akka.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;

namespace SmbSyncCluster.Cluster.Hosting;

/// <summary>Akka.Hosting wiring for the jobs of a process that is not a cluster member.</summary>
public static class LocalJobsExtensions
{
    /// <summary>
    /// <see cref="LocalJobs"/> at <c>/user/jobs</c> with the run dispatchers, registered in the
    /// <see cref="ActorRegistry"/> (<c>GetAsync&lt;LocalJobs&gt;</c>): the one-shot CLI's stand-in for the shard region.
    /// </summary>
    public static AkkaConfigurationBuilder WithLocalJobs(this AkkaConfigurationBuilder builder, RunEnvironment environment) =>
        builder.WithRunDispatchers().WithActors((system, registry) => registry.Register<LocalJobs>(system.ActorOf(LocalJobs.Props(environment), "jobs")));
}
