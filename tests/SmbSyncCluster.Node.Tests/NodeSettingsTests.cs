using SmbSyncCluster.Node.Cli;
using SmbSyncCluster.Node.Hosting;

namespace SmbSyncCluster.Node.Tests;

public sealed class NodeSettingsTests
{
    private static readonly string DataDir = Directory.CreateTempSubdirectory("smbsync-settings-").FullName;

    private static NodeSettings Parse(string[] args, Dictionary<string, string>? env = null) =>
        NodeSettings.Parse([.. args, "--data-dir", DataDir], name => env is not null && env.TryGetValue(name, out var v) ? v : null);

    [Fact]
    public void Defaults_are_a_loopback_single_node_on_sqlite()
    {
        var settings = Parse([]);

        Assert.Equal((new Uri("http://127.0.0.1:8080"), "127.0.0.1", 4053), (settings.Http, settings.Hostname, settings.Port));
        Assert.Empty(settings.Seeds);
        Assert.Equal(Path.Combine(DataDir, "journal.db"), settings.SqlitePath);
        Assert.Null(settings.PostgresConnectionString);
    }

    [Fact]
    public void Options_win_over_the_environment()
    {
        var env = new Dictionary<string, string>
        {
            ["SMBSYNC_PORT"] = "5000", ["SMBSYNC_SEEDS"] = "a:1,b:2", ["SMBSYNC_HOSTNAME"] = "node-0.nodes",
            ["SMBSYNC_DB"] = "postgresql://svc:pw@db:5433/jobs", ["SMBSYNC_API_TOKEN"] = "t",
        };

        var fromEnv = Parse([], env);
        var fromArgs = Parse(["--port", "6000", "--seed", "c:3", "--http", "http://0.0.0.0:9000"], env);

        Assert.Equal((5000, "a:1,b:2", "node-0.nodes"), (fromEnv.Port, string.Join(',', fromEnv.Seeds), fromEnv.Hostname));
        Assert.Contains("Host=db", fromEnv.PostgresConnectionString, StringComparison.Ordinal);
        Assert.Contains("Port=5433", fromEnv.PostgresConnectionString, StringComparison.Ordinal);
        Assert.Equal((6000, "c:3"), (fromArgs.Port, string.Join(',', fromArgs.Seeds)));
        Assert.Equal(["akka.tcp://smbsync@c:3"], fromArgs.SeedAddresses);
        Assert.DoesNotContain("pw", fromEnv.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("=t ", fromEnv.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--http", "ftp://x", "--http")]
    [InlineData("--http", "http://10.1.2.3:8080", "loopback")]
    [InlineData("--port", "70000", "--port")]
    [InlineData("--seed", "nohostport", "--seed")]
    [InlineData("--seed", "host:notaport", "--seed")]
    [InlineData("--db", "mysql://x", "--db")]
    [InlineData("--db", "postgresql://host/db", "--db")]
    [InlineData("--credentials-dir", "/does/not/exist", "--credentials-dir")]
    [InlineData("--config", "/does/not/exist.conf", "--config")]
    [InlineData("--hostname", "bad host", "--hostname")]
    [InlineData("--frobnicate", "x", "unknown option")]
    public void A_bad_setting_is_one_clear_line(string option, string value, string expected)
    {
        var error = Assert.Throws<UsageException>(() => Parse([option, value]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_config_file_that_is_not_hocon_is_refused()
    {
        var file = Path.Combine(DataDir, "bad.conf");
        File.WriteAllText(file, "akka.cluster.roles = ${no.such.setting}");

        Assert.Contains("not valid HOCON", Assert.Throws<UsageException>(() => Parse(["--config", file])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sqlite_journal_is_refused_for_a_cluster_of_several_nodes() =>
        Assert.Contains("PostgreSQL", Assert.Throws<UsageException>(() => Parse(["--seed", "127.0.0.1:4053", "--seed", "127.0.0.1:4054"])).Message, StringComparison.OrdinalIgnoreCase);
}
