using System.Collections.Immutable;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// Another ActorSystem driving the jobs through the cluster client, configured as docs/remoting.md shows: plain TCP, or
/// with the TLS setup of a <see cref="RemotingTls"/> (or any other, as an intruder would make it).
/// </summary>
internal sealed class JobsRemoteClient : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly IActorRef _client;

    private JobsRemoteClient(ActorSystem system, IActorRef client)
    {
        _system = system;
        _client = client;
    }

    /// <summary>
    /// A client of the nodes at <paramref name="contacts"/> (their member addresses); <paramref name="asLaterVersion"/>
    /// lets it send a <see cref="LaterDefineJob"/> too.
    /// </summary>
    public static JobsRemoteClient Connect(IEnumerable<string> contacts, Setup? tls = null, bool asLaterVersion = false)
    {
        var config = ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            """);
        if (tls is not null)
        {
            config = RemotingTls.Config.WithFallback(config);
        }
        if (asLaterVersion)
        {
            config = config.WithFallback(LaterClientSerializer.Config);
        }
        config = config.WithFallback(ContractSerializer.Config).WithFallback(ClusterClientReceptionist.DefaultConfig()).WithFallback(DistributedPubSub.DefaultConfig());
        var bootstrap = BootstrapSetup.Create().WithConfig(config);
        var system = ActorSystem.Create("client", tls is null ? ActorSystemSetup.Create(bootstrap) : bootstrap.And(tls));
        var initial = contacts.Select(c => ActorPath.Parse($"{c}/system/receptionist")).ToImmutableHashSet();
        var client = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system).WithInitialContacts(initial)), "jobs-client");
        return new JobsRemoteClient(system, client);
    }

    /// <summary>Sends <paramref name="message"/> to the jobs and waits for the answer.</summary>
    public Task<object> SendAsync(object message, TimeSpan timeout) => _client.Ask<object>(new ClusterClient.Send("/user/jobs", message), timeout);

    public async ValueTask DisposeAsync() => await _system.Terminate();
}
