using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Discovery.KubernetesApi;
using Akka.Hosting;
using Akka.Management.Cluster.Bootstrap;
using Akka.Management.Dsl;

namespace SmbSyncCluster.Node.Hosting;

/// <summary>How a node becomes a cluster member: static seeds, or Akka.Management's bootstrap over the Kubernetes API.</summary>
public static class ClusterFormation
{
    /// <summary>
    /// Clustering with the keep-majority split brain resolver, joined through <see cref="NodeSettings.Seeds"/> (none: the
    /// node is its own seed) or, with <see cref="NodeSettings.Kubernetes"/>, through cluster bootstrap; Akka.Management
    /// (its bootstrap) and the Kubernetes discovery are added only then.
    /// </summary>
    public static AkkaConfigurationBuilder WithClusterFormation(this AkkaConfigurationBuilder akka, NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var cluster = new ClusterOptions { SplitBrainResolver = new KeepMajorityOption() };
        if (settings.Kubernetes is not { } kubernetes)
        {
            cluster.SeedNodes = settings.Seeds.Count == 0 ? [$"{settings.Protocol}://{NodeHost.SystemName}@{settings.Hostname}:{settings.Port}"] : [.. settings.SeedAddresses];
            return akka.WithClustering(cluster);
        }
        return akka.WithClustering(cluster)
            // Started below, once the self contact point is known, rather than by Akka.Management's HTTP server (see SeedNodesRoute).
            .WithClusterBootstrap(options =>
            {
                options.ContactPointDiscovery.ServiceName = kubernetes.Service;
                options.ContactPointDiscovery.PortName = KubernetesDiscovery.ManagementPortName;
                options.ContactPointDiscovery.RequiredContactPointsNr = kubernetes.RequiredContacts;
            }, autoStart: false)
            .WithKubernetesDiscovery(new KubernetesDiscoveryOptions
            {
                PodLabelSelector = kubernetes.Selector,
                // Pod IPs, as remoting advertises them: no reliance on the cluster DNS having pod records.
                RawIp = true,
            })
            .AddStartup(async (system, _) =>
            {
                var bootstrap = ClusterBootstrap.Get(system);
                // Routes() is the public way to tell the bootstrap its own contact point (the address other pods probe,
                // as discovery reports it), which it compares with the contact points it finds; the routes themselves
                // are served by SeedNodesRoute.
                bootstrap.Routes(ManagementRouteProviderSettings.Create(new UriBuilder("http", settings.Hostname, kubernetes.ManagementPort).Uri, readOnly: true));
                await bootstrap.Start();
            });
    }
}
