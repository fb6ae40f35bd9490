using Akka.Cluster.Hosting;
using Akka.Hosting;
using SmbSyncCluster.Cluster.Limits;

namespace SmbSyncCluster.Cluster.Hosting;

/// <summary>Akka.Hosting wiring for the per-server transfer limits.</summary>
public static class ServerGateExtensions
{
    /// <summary>The <see cref="ServerGate"/> as a cluster singleton, with a proxy on every member (registered as <see cref="ServerGate"/>).</summary>
    public static AkkaConfigurationBuilder WithServerGate(this AkkaConfigurationBuilder builder) =>
        builder.WithSingleton<ServerGate>("server-gate", ServerGate.Props(), new ClusterSingletonOptions(), createProxyToo: true);
}
