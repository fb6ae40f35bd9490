using System.Reflection;
using Akka.Configuration;
using Akka.Hosting;
using SmbSyncCluster.Cluster.Hosting;

namespace SmbSyncCluster.Node.Hosting;

/// <summary>
/// The node's HOCON in one explicit order of precedence: the deployment's <c>--config</c> files (a later file over an
/// earlier one), then our defaults (<c>hocon/</c> and the version stamped at publish), then whatever the wiring in code
/// and Akka's own modules add. Added last and in front, so no fallback added before (Akka's sharding defaults) and no
/// setting added in code wins over what the files say.
/// </summary>
public static class NodeConfiguration
{
    /// <summary>
    /// Keys the node's options decide and a <c>--config</c> file may not set: whether remoting is TLS, where it listens and
    /// what it advertises follow the checked options (<see cref="NodeSettings"/> refuses plain TCP beyond loopback).
    /// </summary>
    public static readonly IReadOnlyList<string> OptionKeys =
    [
        "akka.actor.provider",
        "akka.remote.dot-netty.tcp.enable-ssl",
        "akka.remote.dot-netty.tcp.ssl",
        "akka.remote.dot-netty.tcp.hostname",
        "akka.remote.dot-netty.tcp.public-hostname",
        "akka.remote.dot-netty.tcp.port",
        "akka.cluster.seed-nodes",
    ];

    /// <summary>
    /// The version members compare during a rolling update (Akka's allocation prefers the newest members for shards):
    /// the informational version stamped at build (Directory.Build.props's Version, or <c>-p:Version=</c> at publish).
    /// </summary>
    public static string AppVersion =>
        typeof(NodeConfiguration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? throw new InvalidOperationException("the node assembly carries no informational version");

    /// <summary>Our defaults: <c>hocon/cluster.conf</c>, <c>hocon/dispatchers.conf</c> and <see cref="AppVersion"/>.</summary>
    public static Config Defaults =>
        ConfigurationFactory.ParseString($"akka.cluster.app-version = \"{AppVersion}\"")
            .WithFallback(EmbeddedHocon.Cluster)
            .WithFallback(EmbeddedHocon.Dispatchers);

    /// <summary>The deployment's files over <see cref="Defaults"/>.</summary>
    public static Config Layers(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.Reverse().Select(Parse).Aggregate(Config.Empty, (over, file) => over.WithFallback(file)).WithFallback(Defaults);
    }

    /// <summary>Puts <see cref="Layers"/> in front of everything added so far: call it last.</summary>
    public static AkkaConfigurationBuilder WithNodeConfiguration(this AkkaConfigurationBuilder akka, NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return akka.AddHocon(Layers(settings.ConfigFiles), HoconAddMode.Prepend);
    }

    /// <summary>The first of <see cref="OptionKeys"/> the file sets, or null.</summary>
    public static string? OptionKeySetBy(Config file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return OptionKeys.FirstOrDefault(file.HasPath);
    }

    private static Config Parse(string file) => ConfigurationFactory.ParseString(File.ReadAllText(file));
}
