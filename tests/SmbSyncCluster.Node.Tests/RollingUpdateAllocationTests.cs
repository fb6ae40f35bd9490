using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using SmbSyncCluster.Node.Hosting;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// During a rolling update, Akka's shard allocation prefers the members with the newest <c>akka.cluster.app-version</c>:
/// with the version the node stamps (<see cref="NodeConfiguration.AppVersion"/>) against an older one, every shard
/// started while both run goes to the new member, not to the old one that is about to stop.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class RollingUpdateAllocationTests : IAsyncLifetime
{
    private const string OldVersion = "1.0.0";
    private readonly List<ActorSystem> _systems = [];

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Shards_go_to_the_member_of_the_newest_version()
    {
        Assert.True(Akka.Util.AppVersion.Create(NodeConfiguration.AppVersion).CompareTo(Akka.Util.AppVersion.Create(OldVersion)) > 0);
        var old = Start(OldVersion);
        var updated = Start(NodeConfiguration.AppVersion);
        var oldCluster = Akka.Cluster.Cluster.Get(old);
        await oldCluster.JoinAsync(oldCluster.SelfAddress);
        await Akka.Cluster.Cluster.Get(updated).JoinAsync(oldCluster.SelfAddress);
        Assert.Equal(NodeConfiguration.AppVersion, Akka.Cluster.Cluster.Get(updated).SelfMember.AppVersion.Version);

        var regions = new List<IActorRef>();
        foreach (var system in _systems)
        {
            regions.Add(await ClusterSharding.Get(system).StartAsync("where", Props.Create<WhereAmI>(), ClusterShardingSettings.Create(system), new PingExtractor()));
        }
        var hosts = new List<Address>();
        for (var i = 0; i < 20; i++)
        {
            hosts.Add(await regions[0].Ask<Address>(new Ping($"job-{i}"), TimeSpan.FromSeconds(30)));
        }

        Assert.All(hosts, host => Assert.Equal(Akka.Cluster.Cluster.Get(updated).SelfAddress, host));
    }

    private ActorSystem Start(string version)
    {
        var system = ActorSystem.Create("rolling", ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = {{FreePort.Next()}} }
            akka.cluster.app-version = "{{version}}"
            akka.cluster.sharding.state-store-mode = ddata
            akka.cluster.sharding.distributed-data.durable.keys = []
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.loglevel = WARNING
            """));
        _systems.Add(system);
        return system;
    }

    public async Task DisposeAsync()
    {
        foreach (var system in Enumerable.Reverse(_systems))
        {
            await system.Terminate();
        }
    }

    private sealed record Ping(string Id);

    /// <summary>Answers with the address of the member it runs on.</summary>
    private sealed class WhereAmI : ReceiveActor
    {
        public WhereAmI() => Receive<Ping>(_ => Sender.Tell(Akka.Cluster.Cluster.Get(Context.System).SelfAddress));
    }

    /// <summary>One shard per entity, so every ping is an allocation decision of its own.</summary>
    private sealed class PingExtractor : IMessageExtractor
    {
        public string EntityId(object message) => ((Ping)message).Id;

        public object EntityMessage(object message) => message;

        public string ShardId(object message) => ((Ping)message).Id;

        public string ShardId(string entityId, object? messageHint = null) => entityId;
    }
}
