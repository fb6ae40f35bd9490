using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SmbSyncCluster.Cluster.Hosting;
using SmbSyncCluster.Node.Cli;
using SmbSyncCluster.Node.Hosting;

namespace SmbSyncCluster.Node.Tests.Configuration;

/// <summary>
/// The configuration the node's actor system is given, built by <see cref="NodeHost"/> itself: every key of
/// <c>hocon/</c> has the file's value, a deployment's <c>--config</c> wins over the files and over what the code adds,
/// and the keys the node's options decide cannot be set from a file.
/// </summary>
public sealed class NodeConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("smbsync-config-");

    [Fact]
    public async Task Every_key_of_our_hocon_files_is_the_value_the_node_runs_with()
    {
        var effective = await EffectiveAsync();

        var documented = Leaves(EmbeddedHocon.Cluster).Concat(Leaves(EmbeddedHocon.Dispatchers)).ToList();
        Assert.Contains(documented, l => l.Key == "akka.cluster.sharding.handoff-timeout");
        Assert.All(documented, leaf => Assert.Equal((leaf.Key, leaf.Value), (leaf.Key, effective.GetString(leaf.Key))));
    }

    [Fact]
    public async Task A_deployment_file_wins_over_our_defaults_and_over_what_the_code_sets()
    {
        var withoutFile = await EffectiveAsync();
        // Set by the wiring in code (the split brain resolver's strategy, Akka's sharding defaults), not by our files.
        const string strategy = "akka.cluster.split-brain-resolver.active-strategy", passivation = "akka.cluster.sharding.passivate-idle-entity-after";
        Assert.Equal("keep-majority", withoutFile.GetString(strategy));
        Assert.False(EmbeddedHocon.Cluster.HasPath(passivation));
        var first = Write("first.conf", "akka.cluster.sharding.handoff-timeout = 41s\nakka.cluster.sharding.rebalance-interval = 7s");
        var second = Write("second.conf", $"akka.cluster.sharding.handoff-timeout = 42s\n{strategy} = keep-oldest\n{passivation} = 17s\nsmbsync.io-dispatcher.dedicated-thread-pool.thread-count = 3");

        var effective = await EffectiveAsync("--config", first, "--config", second);

        Assert.Equal("42s", effective.GetString("akka.cluster.sharding.handoff-timeout")); // the later file wins
        Assert.Equal("7s", effective.GetString("akka.cluster.sharding.rebalance-interval"));
        Assert.Equal("keep-oldest", effective.GetString(strategy));
        Assert.Equal("17s", effective.GetString(passivation));
        Assert.Equal(3, effective.GetInt("smbsync.io-dispatcher.dedicated-thread-pool.thread-count"));
        Assert.Equal(EmbeddedHocon.Cluster.GetString("akka.cluster.split-brain-resolver.stable-after"), effective.GetString("akka.cluster.split-brain-resolver.stable-after"));
    }

    [Theory]
    [InlineData("akka.remote.dot-netty.tcp.enable-ssl = off")]
    [InlineData("akka.remote.dot-netty.tcp { hostname = 0.0.0.0 }")]
    [InlineData("akka.remote.dot-netty.tcp.port = 2552")]
    [InlineData("akka.cluster.seed-nodes = [\"akka.tcp://smbsync@10.0.0.9:4053\"]")]
    public void A_file_cannot_turn_off_what_the_options_decide(string hocon)
    {
        var file = Write("remoting.conf", hocon);

        var e = Assert.Throws<UsageException>(() => Parse("--config", file));

        Assert.StartsWith($"--config '{file}' sets akka.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Members_carry_the_version_stamped_at_build_so_that_a_rolling_update_prefers_the_new_ones()
    {
        var effective = await EffectiveAsync();

        var version = effective.GetString("akka.cluster.app-version");
        Assert.Equal(typeof(NodeHost).Assembly.GetName().Version!.ToString(3), version);
        Assert.NotEqual("1.0.0", version);
        Assert.True(Akka.Util.AppVersion.Create(version).CompareTo(Akka.Util.AppVersion.Create("1.0.0")) > 0);
    }

    /// <summary>What <see cref="NodeHost.Build"/> gives the actor system, over Akka's own reference configuration.</summary>
    internal static async Task<Config> EffectiveAsync(NodeSettings settings)
    {
        await using var app = NodeHost.Build(settings, _ => null);
        var configuration = app.Services.GetRequiredService<AkkaConfigurationBuilder>().Configuration;
        Assert.True(configuration.HasValue);
        return configuration.Value.WithFallback(ConfigurationFactory.Default());
    }

    /// <summary>Every leaf of <paramref name="config"/>, by its full path, as text.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> Leaves(Config config) =>
        LeafPaths(config, "").Select(path => KeyValuePair.Create(path, config.GetString(path)));

    private static IEnumerable<string> LeafPaths(Config config, string prefix) =>
        config.AsEnumerable().SelectMany(p => config.GetValue(p.Key).IsObject()
            ? LeafPaths(config.GetConfig(p.Key), prefix + p.Key + ".")
            : [prefix + p.Key]);

    private Task<Config> EffectiveAsync(params string[] args) => EffectiveAsync(Parse(args));

    private NodeSettings Parse(params string[] args) => NodeSettings.Parse([.. args, "--data-dir", Path.Combine(_dir.FullName, "data")], _ => null);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
