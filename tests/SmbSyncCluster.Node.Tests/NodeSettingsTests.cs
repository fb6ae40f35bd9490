using SmbSyncCluster.Node.Cli;
using SmbSyncCluster.Node.Hosting;

namespace SmbSyncCluster.Node.Tests;

public sealed class NodeSettingsTests
{
    private static readonly string DataDir = Directory.CreateTempSubdirectory("smbsync-settings-").FullName;

    private static NodeSettings Parse(string[] args, Dictionary<string, string>? env = null, List<string>? asked = null) =>
        NodeSettings.Parse([.. args, "--data-dir", DataDir], name =>
        {
            asked?.Add(name);
            return env is not null && env.TryGetValue(name, out var v) ? v : null;
        });

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
    public void Watched_jobs_are_rescanned_hourly_unless_the_node_is_told_otherwise()
    {
        var env = new Dictionary<string, string> { ["SMBSYNC_WATCH_RESCAN_MINUTES"] = "240" };

        Assert.Equal(TimeSpan.FromHours(1), Parse([]).WatchRescan);
        Assert.Equal(TimeSpan.FromHours(4), Parse([], env).WatchRescan);
        Assert.Equal(TimeSpan.FromMinutes(15), Parse(["--watch-rescan-minutes", "15"], env).WatchRescan);
    }

    [Fact]
    public void Options_win_over_the_environment()
    {
        var env = new Dictionary<string, string>
        {
            ["SMBSYNC_PORT"] = "5000", ["SMBSYNC_SEEDS"] = "a:1,b:2", ["SMBSYNC_HOSTNAME"] = "node-0.nodes", ["SMBSYNC_BIND_HOSTNAME"] = "127.0.0.1",
            ["SMBSYNC_DB"] = "postgresql://svc:pw@db:5433/jobs", ["SMBSYNC_API_TOKEN"] = "t",
        };

        var fromEnv = Parse([], env);
        var fromArgs = Parse(["--port", "6000", "--seed", "c:3", "--http", "http://0.0.0.0:9000", "--local-root", DataDir], env);

        Assert.Equal((5000, "a:1,b:2", "node-0.nodes"), (fromEnv.Port, string.Join(',', fromEnv.Seeds), fromEnv.Hostname));
        Assert.Contains("Host=db", fromEnv.PostgresConnectionString, StringComparison.Ordinal);
        Assert.Contains("Port=5433", fromEnv.PostgresConnectionString, StringComparison.Ordinal);
        Assert.Equal((6000, "c:3"), (fromArgs.Port, string.Join(',', fromArgs.Seeds)));
        Assert.Equal(["akka.tcp://smbsync@c:3"], fromArgs.SeedAddresses);
        Assert.DoesNotContain("pw", fromEnv.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("=t ", fromEnv.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_node_bandwidth_limit_comes_from_the_option_or_the_environment_and_is_off_without_either()
    {
        var env = new Dictionary<string, string> { ["SMBSYNC_BWLIMIT"] = "08:00,1M 19:00,off" };

        Assert.True(Parse([]).BandwidthLimit.IsOff);
        Assert.Equal("08:00,1M 19:00,off", Parse([], env).BandwidthLimit.Text);
        Assert.Equal(4L << 20, Parse(["--bwlimit", "4M"], env).BandwidthLimit.RateAt(DateTime.Now));
    }

    [Fact]
    public void Kubernetes_discovery_comes_from_the_environment_with_defaults()
    {
        var env = new Dictionary<string, string> { ["SMBSYNC_DISCOVERY"] = "kubernetes", ["SMBSYNC_DB"] = "postgresql://svc@db/jobs" };

        var defaults = Parse([], env).Kubernetes;
        var given = Parse(["--discovery-selector", "app=sync,tier=nodes", "--discovery-contacts", "3"],
            new(env) { ["SMBSYNC_DISCOVERY_SERVICE"] = "sync", ["SMBSYNC_MANAGEMENT_PORT"] = "9558" }).Kubernetes;

        Assert.Equal(("smbsync", "app.kubernetes.io/name=smbsync", 2, 8558), (defaults?.Service, defaults?.Selector, defaults?.RequiredContacts, defaults?.ManagementPort));
        Assert.Equal(("sync", "app=sync,tier=nodes", 3, 9558), (given?.Service, given?.Selector, given?.RequiredContacts, given?.ManagementPort));
        Assert.Null(Parse([]).Kubernetes);
    }

    [Fact]
    public void Parse_reads_exactly_the_listed_environment_names()
    {
        var asked = new List<string>();

        Parse([], null, asked);

        Assert.Equal(NodeSettings.EnvironmentNames.Order(StringComparer.Ordinal), asked.Distinct().Order(StringComparer.Ordinal));
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
    [InlineData("--discovery", "dns", "--discovery")]
    [InlineData("--discovery-contacts", "0", "--discovery-contacts")]
    [InlineData("--management-port", "0", "--management-port")]
    [InlineData("--local-root", "/does/not/exist", "--local-root")]
    [InlineData("--allowed-host", "bad host", "--allowed-host")]
    [InlineData("--public-url", "ftp://x", "--public-url")]
    [InlineData("--max-event-streams", "0", "--max-event-streams")]
    [InlineData("--watch-rescan-minutes", "0", "--watch-rescan-minutes '0' is not a number of minutes")]
    [InlineData("--watch-rescan-minutes", "10081", "--watch-rescan-minutes")]
    [InlineData("--bwlimit", "4X", "--bwlimit: '4X': unknown unit")]
    public void A_bad_setting_is_one_clear_line(string option, string value, string expected)
    {
        var error = Assert.Throws<UsageException>(() => Parse([option, value]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("--seed 127.0.0.1:4053", "exclude each other")]
    [InlineData("--management-port 4053", "taken by")]
    [InlineData("--management-port 8080", "taken by")]
    [InlineData("--discovery-service bad/name", "--discovery-service")]
    public void Kubernetes_discovery_refuses_what_contradicts_it(string options, string expected)
    {
        var error = Assert.Throws<UsageException>(() => Parse(["--discovery", "kubernetes", "--db", "postgresql://svc@db/jobs", .. options.Split(' ')]));

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

    [Theory]
    [InlineData("--seed 127.0.0.1:4053 --seed 127.0.0.1:4054")]
    [InlineData("--discovery kubernetes")]
    public void A_sqlite_journal_is_refused_for_a_cluster_of_several_nodes(string options) =>
        Assert.Contains("PostgreSQL", Assert.Throws<UsageException>(() => Parse(options.Split(' '))).Message, StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void A_front_beyond_loopback_needs_a_local_root_and_the_environment_can_give_it()
    {
        var env = new Dictionary<string, string> { ["SMBSYNC_API_TOKEN"] = "t", ["SMBSYNC_HTTP"] = "http://0.0.0.0:9000" };
        var other = Directory.CreateDirectory(Path.Combine(DataDir, "other")).FullName;

        var refused = Assert.Throws<UsageException>(() => Parse([], env));
        var fromEnv = Parse([], new(env) { ["SMBSYNC_LOCAL_ROOTS"] = $"{DataDir}{Path.PathSeparator}{other}" });
        var fromArgs = Parse(["--local-root", other], new(env) { ["SMBSYNC_LOCAL_ROOTS"] = DataDir });

        Assert.Contains("--local-root", refused.Message, StringComparison.Ordinal);
        Assert.Equal([DataDir, other], fromEnv.Front.LocalRoots);
        Assert.Equal([other], fromArgs.Front.LocalRoots);
    }

    [Fact]
    public void The_nodes_own_state_includes_its_credentials_token_and_mounted_secrets()
    {
        var credentials = Directory.CreateDirectory(Path.Combine(DataDir, "creds")).FullName;
        var token = Path.Combine(DataDir, "token");
        File.WriteAllText(token, "t");

        var settings = Parse(["--credentials-dir", credentials, "--api-token-file", token]);

        Assert.Contains(credentials, settings.PrivatePaths);
        Assert.Contains(token, settings.PrivatePaths);
        Assert.Contains("/var/run/secrets", settings.PrivatePaths);
        Assert.Contains(settings.SqlitePath!, settings.PrivatePaths);
    }

    [Fact]
    public void The_front_answers_to_loopback_names_its_public_url_and_allowed_hosts_only()
    {
        var loopback = Parse(["--public-url", "https://sync.example.com", "--allowed-host", "smbsync.svc"]);
        var wildcard = Parse(["--http", "http://0.0.0.0:9000", "--local-root", DataDir], new() { ["SMBSYNC_API_TOKEN"] = "t" });

        var names = loopback.Front.HostNames(loopback.Http);
        Assert.Equal(["127.0.0.1", "::1", "localhost", "smbsync.svc", "sync.example.com"], names.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("evil.example", wildcard.Front.HostNames(wildcard.Http));
        Assert.Contains("127.0.0.1", wildcard.Front.HostNames(wildcard.Http));
    }

    [Fact]
    public void The_database_password_comes_from_a_file_and_tls_options_pass_through_the_url()
    {
        var password = Path.Combine(DataDir, "db-password");
        File.WriteAllText(password, "s3cret-from-file\n");
        var ca = Path.Combine(DataDir, "db-ca.crt");
        File.WriteAllText(ca, "-----BEGIN CERTIFICATE-----\n");

        var settings = Parse(["--db", $"postgresql://svc@db:5433/jobs?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(ca)}"],
            new() { ["SMBSYNC_DB_PASSWORD_FILE"] = password });

        var connection = new Npgsql.NpgsqlConnectionStringBuilder(settings.PostgresConnectionString);
        Assert.Equal(("s3cret-from-file", Npgsql.SslMode.VerifyFull, ca), (connection.Password, connection.SslMode, connection.RootCertificate));
        Assert.DoesNotContain("s3cret", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains(password, settings.PrivatePaths);
    }

    [Theory]
    [InlineData("postgresql://svc:inline@db/jobs", true, "give it in one place")]
    [InlineData("postgresql://svc@db/jobs?sslmode=verify", false, "sslmode 'verify' is not one of")]
    [InlineData("postgresql://svc@db/jobs?sslrootcert=/does/not/exist.crt", false, "sslrootcert '/does/not/exist.crt' is not a file")]
    [InlineData("postgresql://svc@db/jobs?ssl_mode=require", false, "'ssl_mode' is not an option the node takes")]
    [InlineData("sqlite:/tmp/x.db", true, "--db-password-file is the password of a PostgreSQL --db")]
    public void Database_options_that_cannot_be_meant_are_one_line_errors(string db, bool withPasswordFile, string expected)
    {
        var password = Path.Combine(DataDir, "db-password-2");
        File.WriteAllText(password, "pw");
        string[] args = withPasswordFile ? ["--db", db, "--db-password-file", password] : ["--db", db];

        var e = Assert.Throws<UsageException>(() => Parse(args));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
