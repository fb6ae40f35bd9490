using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SmbSyncCluster.Node.Hosting;

namespace SmbSyncCluster.Node.Tests;

/// <summary>The Akka configuration a node's settings produce: static seeds, or the bootstrap over the Kubernetes API (no Kubernetes here to run it against).</summary>
public sealed class ClusterFormationTests
{
    private static readonly KubernetesDiscovery Kubernetes = new()
    {
        Service = "smbsync", Selector = "app.kubernetes.io/name=smbsync", RequiredContacts = 3, ManagementPort = 8558,
    };

    private static Config Formation(NodeSettings settings)
    {
        var akka = new AkkaConfigurationBuilder(new ServiceCollection(), NodeHost.SystemName).WithClusterFormation(settings);
        return akka.Configuration.Value;
    }

    [Fact]
    public void Static_seeds_bring_no_management_nor_discovery()
    {
        var config = Formation(new NodeSettings { DataDirectory = "/unused", Seeds = ["10.0.0.1:4053", "10.0.0.2:4053"] });

        Assert.Equal(["akka.tcp://smbsync@10.0.0.1:4053", "akka.tcp://smbsync@10.0.0.2:4053"], config.GetStringList("akka.cluster.seed-nodes"));
        Assert.False(config.HasPath("akka.management"));
        Assert.False(config.HasPath("akka.discovery"));
    }

    [Fact]
    public void A_lone_node_is_its_own_seed() =>
        Assert.Equal(["akka.tcp://smbsync@127.0.0.1:4053"], Formation(new NodeSettings { DataDirectory = "/unused" }).GetStringList("akka.cluster.seed-nodes"));

    [Fact]
    public void Kubernetes_discovery_bootstraps_from_the_pods_the_selector_finds()
    {
        var config = Formation(new NodeSettings { DataDirectory = "/unused", Hostname = "10.1.2.3", BindHostname = "0.0.0.0", Kubernetes = Kubernetes });

        Assert.Empty(config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal("kubernetes-api", config.GetString("akka.discovery.method"));
        Assert.Equal("app.kubernetes.io/name=smbsync", config.GetString("akka.discovery.kubernetes-api.pod-label-selector"));
        Assert.True(config.GetBoolean("akka.discovery.kubernetes-api.use-raw-ip"));
        var discovery = config.GetConfig("akka.management.cluster.bootstrap.contact-point-discovery");
        Assert.Equal(("smbsync", KubernetesDiscovery.ManagementPortName, 3), (discovery.GetString("service-name"), discovery.GetString("port-name"), discovery.GetInt("required-contact-point-nr")));
    }
}
