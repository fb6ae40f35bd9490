using Akka.Hosting;
using SmbSyncCluster.Cluster.Metrics;

namespace SmbSyncCluster.Cluster.Hosting;

/// <summary>Akka.Hosting wiring for the node's job metrics.</summary>
public static class JobMetricsExtensions
{
    /// <summary>
    /// A <see cref="MetricsListener"/> feeding <paramref name="metrics"/> with the events this node's jobs
    /// persist, registered in the <see cref="ActorRegistry"/>; whoever renders the metrics holds the same instance.
    /// </summary>
    public static AkkaConfigurationBuilder WithJobMetrics(this AkkaConfigurationBuilder builder, JobMetrics metrics) =>
        builder.WithActors((system, registry) => registry.Register<MetricsListener>(system.ActorOf(MetricsListener.Props(metrics), "metrics")));
}
