using System.CommandLine;
using System.Globalization;
using System.Net;
using Akka.Configuration;
using Npgsql;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Cli;
using SmbSyncCluster.Sync.Limits;

namespace SmbSyncCluster.Node.Hosting;

/// <summary>
/// Everything <c>smbsync node</c> is told, from its options or else the environment (the names the
/// Kubernetes manifests set), checked before anything starts: a bad setting is one line and exit code 2.
/// </summary>
public sealed record NodeSettings
{
    /// <summary>The default HTTP front: loopback only, as it is without an API token.</summary>
    public static readonly Uri DefaultHttp = new("http://127.0.0.1:8080");

    /// <summary>The default host name (and remoting address): loopback, as it is without TLS.</summary>
    public const string DefaultHostname = "127.0.0.1";

    /// <summary>The default remoting port.</summary>
    public const int DefaultPort = 4053;

    /// <summary>
    /// Every environment variable the settings are read from, and the only ones <see cref="Parse"/> may read:
    /// the deployment's manifests are checked against this list.
    /// </summary>
    public static readonly IReadOnlyList<string> EnvironmentNames =
    [
        "SMBSYNC_HTTP", "SMBSYNC_HOSTNAME", "SMBSYNC_BIND_HOSTNAME", "SMBSYNC_PORT", "SMBSYNC_SEEDS", "SMBSYNC_DB", "SMBSYNC_DB_PASSWORD_FILE",
        "SMBSYNC_DATA_DIR", "SMBSYNC_API_TOKEN", "SMBSYNC_API_TOKEN_FILE", "SMBSYNC_CREDENTIALS_DIR", "SMBSYNC_CONFIG",
        "SMBSYNC_DISCOVERY", "SMBSYNC_DISCOVERY_SERVICE", "SMBSYNC_DISCOVERY_SELECTOR", "SMBSYNC_DISCOVERY_CONTACTS",
        "SMBSYNC_MANAGEMENT_PORT", "SMBSYNC_TLS_CERT", "SMBSYNC_TLS_KEY", "SMBSYNC_TLS_CA", "SMBSYNC_TLS_PASSWORD_FILE",
        "SMBSYNC_WATCH_RESCAN_MINUTES", "SMBSYNC_BWLIMIT",
        .. FrontOptions.EnvironmentNames,
    ];

    /// <summary>The full rescan of watched jobs: hourly, as a change no watcher reports (one under a mount) waits at most that.</summary>
    public const int DefaultWatchRescanMinutes = 60;

    /// <summary>A week: beyond, a change no watcher saw could stay unsynced for longer than anyone would guess.</summary>
    public const int MaxWatchRescanMinutes = 7 * 24 * 60;

    /// <summary>Where the HTTP front listens.</summary>
    public Uri Http { get; init; } = DefaultHttp;

    /// <summary>Between full rescans of a watched job hosted here.</summary>
    public TimeSpan WatchRescan { get; init; } = TimeSpan.FromMinutes(DefaultWatchRescanMinutes);

    /// <summary>The host name or address other members reach this one at.</summary>
    public string Hostname { get; init; } = DefaultHostname;

    /// <summary>The address remoting listens on: the host name by default; 0.0.0.0 in a container whose name is not its own address.</summary>
    public string BindHostname { get; init; } = DefaultHostname;

    /// <summary>The remoting port.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Seed members as HOST:PORT; none means this node forms a cluster of its own.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];

    /// <summary>The PostgreSQL connection string, or null for the SQLite file in <see cref="DataDirectory"/>.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>The SQLite journal file when no PostgreSQL is named.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>The node's data directory (SQLite journal, log).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// The node's own state, which no job's local path may be or lie in, and which runs leave out of the trees
    /// that hold it: the data directory, the SQLite journal's files wherever they are, the credentials directory,
    /// the token file, the HOCON files (a journal's password may be in one) and where Kubernetes and Docker mount secrets.
    /// </summary>
    public IReadOnlyList<string> PrivatePaths =>
    [
        DataDirectory,
        .. SqlitePath is { } journal ? new[] { journal, journal + "-wal", journal + "-shm", journal + "-journal" } : [],
        .. CredentialsDirectory is { } credentials ? new[] { credentials } : [],
        .. ApiTokenFile is { } tokenFile ? new[] { tokenFile } : [],
        .. DbPasswordFile is { } dbPassword ? new[] { dbPassword } : [],
        .. ConfigFiles.Select(Path.GetFullPath),
        "/var/run/secrets",
        "/run/secrets",
    ];

    /// <summary>The file the PostgreSQL password was read from, if any.</summary>
    public string? DbPasswordFile { get; init; }

    /// <summary>The file the API token was read from, if any.</summary>
    public string? ApiTokenFile { get; init; }

    /// <summary>Local roots, the front's host names and its event stream limit.</summary>
    public FrontOptions Front { get; init; } = new();

    /// <summary>The bearer token every /api call must carry; null for none (then loopback only).</summary>
    public string? ApiToken { get; init; }

    /// <summary>A directory of credential files (one file per credential name, e.g. a mounted Secret).</summary>
    public string? CredentialsDirectory { get; init; }

    /// <summary>HOCON files whose settings override the defaults of <c>hocon/</c>.</summary>
    public IReadOnlyList<string> ConfigFiles { get; init; } = [];

    /// <summary>How the node finds the cluster on Kubernetes, or null for the static <see cref="Seeds"/>.</summary>
    public KubernetesDiscovery? Kubernetes { get; init; }

    /// <summary>Mutual TLS on remoting (certificate, key, the cluster's authority), or null for plain TCP (loopback only).</summary>
    public RemotingTls? Tls { get; init; }

    /// <summary>The limit every transfer on the node shares, on top of its job's own.</summary>
    public BandwidthSchedule BandwidthLimit { get; init; } = BandwidthSchedule.Off;

    /// <summary>The protocol of the members' addresses: TLS changes it, and every member and client must agree.</summary>
    public string Protocol => Tls is null ? "akka.tcp" : RemotingTls.Protocol;

    /// <summary>The seeds as Akka addresses.</summary>
    public IReadOnlyList<string> SeedAddresses => [.. Seeds.Select(s => $"{Protocol}://{NodeHost.SystemName}@{s}")];

    /// <summary>The settings with secrets masked, for the start-up log line.</summary>
    public override string ToString() =>
        $"http={Http} remoting={Hostname}:{Port} {(Kubernetes is null ? $"seeds=[{string.Join(", ", Seeds)}]" : Kubernetes.ToString())} journal={(PostgresConnectionString is null ? "sqlite:" + SqlitePath : "postgresql")} " +
        $"token={(ApiToken is null ? "none" : "set")} credentials={CredentialsDirectory ?? "environment"} local-roots=[{string.Join(", ", Front.LocalRoots)}] tls={(Tls is null ? "off" : Tls.Certificate.Subject)} bwlimit={BandwidthLimit}";

    /// <summary>Parses the options after <c>node</c>, falling back on <paramref name="environment"/>; throws <see cref="UsageException"/>.</summary>
    public static NodeSettings Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var cli = new SmbsyncCommand();
        return From(cli.Node, UsageErrors.ThrowIfAny(cli.Parse(["node", .. args])), environment);
    }

    /// <summary>The settings <paramref name="result"/> gives <paramref name="node"/>'s options, else their variables in <paramref name="environment"/>, checked; throws <see cref="UsageException"/>.</summary>
    internal static NodeSettings From(NodeVerb node, ParseResult result, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        // Only listed names are read, so the list the manifests are checked against cannot miss one.
        string? Env(string name) => EnvironmentNames.Contains(name) ? environment(name) : throw new InvalidOperationException($"{name} is not in {nameof(EnvironmentNames)}");
        var values = new OptionValues(result, Env);
        string http = values.Text(node.Http)!, hostname = values.Text(node.Hostname)!;
        string? db = values.Text(node.Db), dbPasswordFile = values.Text(node.DbPasswordFile);
        var bind = values.Text(node.BindHostname) ?? hostname;
        string? dataDir = values.Text(node.DataDir), tokenFile = values.Text(node.ApiTokenFile);
        string? credentials = values.Text(node.CredentialsDir);
        var port = values.Number(node.Port, ParsePort);
        var seeds = values.List(node.Seed, ',');
        var configs = values.Concat(node.Config, ',');
        string? discovery = values.Text(node.Discovery), service = values.Text(node.DiscoveryService), selector = values.Text(node.DiscoverySelector);
        var contacts = values.Number(node.DiscoveryContacts, ParseContacts);
        var managementPort = values.Number(node.ManagementPort, ParsePort);
        var watchRescan = values.Number(node.WatchRescanMinutes, ParseWatchRescanMinutes);
        var bandwidth = values.Text(node.BandwidthLimit) is { } limit ? ParseBandwidth(limit) : BandwidthSchedule.Off;
        string? tlsCert = values.Text(node.TlsCert), tlsKey = values.Text(node.TlsKey), tlsCa = values.Text(node.TlsCa), tlsPassword = values.Text(node.TlsPasswordFile);
        var front = FrontOptions.Read(node, values);

        var httpUri = ParseHttp(http);
        var token = ReadToken(tokenFile) ?? NullIfEmpty(values.Variable("SMBSYNC_API_TOKEN"));
        if (token is null && !IsLoopback(httpUri))
        {
            throw new UsageException($"--http {httpUri} is not a loopback address: without an API token (SMBSYNC_API_TOKEN or --api-token-file) the HTTP front listens on loopback only");
        }
        var frontOptions = front.Build(IsLoopback(httpUri));
        foreach (var (option, name) in new[] { ("--hostname", hostname), ("--bind-hostname", bind) })
        {
            if (Uri.CheckHostName(name) == UriHostNameType.Unknown)
            {
                throw new UsageException($"{option} '{name}' is not a host name or address");
            }
        }
        foreach (var seed in seeds)
        {
            CheckSeed(seed);
        }
        var tls = ParseTls(NullIfEmpty(tlsCert), NullIfEmpty(tlsKey), NullIfEmpty(tlsCa), NullIfEmpty(tlsPassword));
        if (tls is null && !IsLoopback(bind))
        {
            // Remoting has no other authentication: whoever reaches the port can join the cluster or define jobs.
            throw new UsageException($"remoting would listen on {bind} (--bind-hostname, else --hostname), not a loopback address: without TLS (--tls-cert, --tls-key, --tls-ca) remoting listens on loopback only");
        }
        var data = Path.GetFullPath(dataDir ?? Embedded.EmbeddedNode.DefaultDataDirectory);
        var (postgres, sqlite) = ParseDb(db, data, NullIfEmpty(dbPasswordFile) is { } passwordFile ? ReadSecretFile(passwordFile, "--db-password-file") : null);
        var kubernetes = ParseDiscovery(discovery, service, selector, contacts, managementPort);
        if (kubernetes is not null && seeds.Count > 0)
        {
            throw new UsageException("--seed and --discovery kubernetes exclude each other: the cluster is found through the Kubernetes API");
        }
        if (kubernetes is not null && (managementPort == port || managementPort == httpUri.Port))
        {
            throw new UsageException($"--management-port {managementPort} is taken by remoting (--port) or the HTTP front (--http): give each its own");
        }
        var self = $"{hostname}:{port.ToString(CultureInfo.InvariantCulture)}";
        if (sqlite is not null && (kubernetes is not null || seeds.Any(s => s != self)))
        {
            throw new UsageException("a SQLite journal serves one node only: a cluster of several nodes needs --db postgresql://USER@HOST:PORT/DB");
        }
        if (credentials is not null && !Directory.Exists(credentials))
        {
            throw new UsageException($"--credentials-dir '{credentials}' does not exist or is not a directory");
        }
        foreach (var config in configs)
        {
            CheckHocon(config);
        }
        return new NodeSettings
        {
            Http = httpUri,
            Hostname = hostname,
            BindHostname = bind,
            Port = port,
            Seeds = seeds,
            WatchRescan = TimeSpan.FromMinutes(watchRescan),
            PostgresConnectionString = postgres,
            SqlitePath = sqlite,
            DataDirectory = data,
            ApiToken = token,
            ApiTokenFile = tokenFile is null ? null : Path.GetFullPath(tokenFile),
            DbPasswordFile = NullIfEmpty(dbPasswordFile) is { } dbPassword ? Path.GetFullPath(dbPassword) : null,
            Front = frontOptions,
            CredentialsDirectory = credentials is null ? null : Path.GetFullPath(credentials),
            ConfigFiles = configs,
            Kubernetes = kubernetes,
            Tls = tls,
            BandwidthLimit = bandwidth,
        };
    }

    private static BandwidthSchedule ParseBandwidth(string text) =>
        BandwidthSchedule.TryParse(text, out var schedule, out var error) ? schedule : throw new UsageException($"--bwlimit: {error}");

    /// <summary>All of --tls-cert and --tls-ca (and --tls-key unless the certificate is PKCS#12), or none.</summary>
    private static RemotingTls? ParseTls(string? cert, string? key, string? ca, string? passwordFile)
    {
        if (cert is null && key is null && ca is null && passwordFile is null)
        {
            return null;
        }
        if (cert is null || ca is null)
        {
            throw new UsageException("TLS on remoting takes --tls-cert and --tls-ca (with --tls-key for a PEM certificate): give all of them or none");
        }
        var password = passwordFile is null ? null : ReadSecretFile(passwordFile, "--tls-password-file");
        try
        {
            return RemotingTls.Load(cert, key, ca, password);
        }
        catch (RemotingTlsException e)
        {
            throw new UsageException($"--tls-cert/--tls-key/--tls-ca: {e.Message}");
        }
    }

    private static KubernetesDiscovery? ParseDiscovery(string? discovery, string? service, string? selector, int contacts, int managementPort)
    {
        switch (discovery)
        {
            case null or "static":
                return null;
            case "kubernetes":
                service = NullIfEmpty(service) ?? KubernetesDiscovery.DefaultService;
                if (Uri.CheckHostName(service) != UriHostNameType.Dns)
                {
                    throw new UsageException($"--discovery-service '{service}' is not a name like smbsync");
                }
                return new KubernetesDiscovery
                {
                    Service = service,
                    // What the Deployment's pods carry; any selector the Kubernetes API takes is passed as it is.
                    Selector = NullIfEmpty(selector) ?? $"app.kubernetes.io/name={service}",
                    RequiredContacts = contacts,
                    ManagementPort = managementPort,
                };
            default:
                throw new UsageException($"--discovery takes static or kubernetes, not '{discovery}'");
        }
    }

    private static int ParseWatchRescanMinutes(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxWatchRescanMinutes ? n
        : throw new UsageException($"{name} '{text}' is not a number of minutes (1-{MaxWatchRescanMinutes})");

    private static int ParseContacts(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000 ? n
        : throw new UsageException($"{name} '{text}' is not a number of pods (1-1000)");

    private static int ParsePort(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port
        : throw new UsageException($"{name} '{text}' is not a TCP port (1-65535)");

    private static Uri ParseHttp(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            throw new UsageException($"--http '{text}' is not an address to listen on, like http://127.0.0.1:8080 or http://0.0.0.0:8080 (TLS belongs to the ingress)");
        }
        return uri;
    }

    private static bool IsLoopback(Uri http) => http.IsLoopback || IsLoopback(http.Host);

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static void CheckSeed(string seed)
    {
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || Uri.CheckHostName(seed[..colon].Trim('[', ']')) == UriHostNameType.Unknown)
        {
            throw new UsageException($"--seed '{seed}' is not HOST:PORT");
        }
        ParsePort(seed[(colon + 1)..], $"--seed '{seed}': port");
    }

    private static void CheckHocon(string file)
    {
        Config config;
        try
        {
            config = ConfigurationFactory.ParseString(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--config '{file}' cannot be read: {e.Message}");
        }
        catch (Exception e) when (e is ConfigurationException or FormatException)
        {
            throw new UsageException($"--config '{file}' is not valid HOCON: {e.Message.ReplaceLineEndings(" ")}");
        }
        if (NodeConfiguration.OptionKeySetBy(config) is { } key)
        {
            throw new UsageException($"--config '{file}' sets {key}, which the node's options decide (--hostname, --bind-hostname, --port, --seed, --tls-*): remove it from the file");
        }
    }

    private static string? ReadToken(string? file) => file is null ? null : ReadSecretFile(file, "--api-token-file");

    private static string ReadSecretFile(string file, string option)
    {
        try
        {
            return NullIfEmpty(File.ReadAllText(file).Trim()) ?? throw new UsageException($"{option} '{file}' is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} '{file}' cannot be read: {e.Message}");
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>
    /// sqlite:PATH, or postgresql://USER[:PASS]@HOST[:PORT]/DB[?sslmode=MODE&amp;sslrootcert=FILE]; the password may also come
    /// from <paramref name="password"/> (a file), else PGPASSWORD.
    /// </summary>
    private static (string? Postgres, string? Sqlite) ParseDb(string? db, string dataDirectory, string? password)
    {
        if (db is null)
        {
            return password is null ? (null, Path.Combine(dataDirectory, "journal.db")) : throw new UsageException("--db-password-file is the password of a PostgreSQL --db");
        }
        if (db.StartsWith("sqlite:", StringComparison.Ordinal) && db.Length > "sqlite:".Length)
        {
            return password is null ? (null, Path.GetFullPath(db["sqlite:".Length..])) : throw new UsageException("--db-password-file is the password of a PostgreSQL --db");
        }
        if (!(db.StartsWith("postgresql://", StringComparison.Ordinal) || db.StartsWith("postgres://", StringComparison.Ordinal))
            || !Uri.TryCreate(db, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.AbsolutePath.Trim('/').Length == 0 || uri.UserInfo.Length == 0)
        {
            throw new UsageException("--db takes sqlite:PATH or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE&sslrootcert=FILE]");
        }
        var user = uri.UserInfo.Split(':', 2);
        if (user.Length == 2 && password is not null)
        {
            throw new UsageException("--db carries a password and --db-password-file names another: give it in one place");
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')),
            Username = Uri.UnescapeDataString(user[0]),
        };
        if ((user.Length == 2 ? Uri.UnescapeDataString(user[1]) : password) is { } secret)
        {
            builder.Password = secret;
        }
        PostgresTls.Apply(uri.Query, builder);
        return (builder.ConnectionString, null);
    }
}
