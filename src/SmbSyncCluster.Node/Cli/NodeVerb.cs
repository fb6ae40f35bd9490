using System.CommandLine;
using SmbSyncCluster.Node.Hosting;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// <c>smbsync node [options]</c>: every option with the environment variable that stands for it (the names the
/// deployment's manifests set, all in <see cref="NodeSettings.EnvironmentNames"/>); <see cref="NodeSettings"/> reads and checks them.
/// </summary>
internal sealed class NodeVerb : VerbCommand
{
    public NodeVerb()
        : base("node", "Run a cluster member: the job scheduler, the HTTP front and the API, until stopped")
    {
        foreach (var option in (IEnumerable<Option>)
                 [Http, Hostname, BindHostname, Port, Seed, Db, DbPasswordFile, DataDir, ApiTokenFile, CredentialsDir, Config,
                  Discovery, DiscoveryService, DiscoverySelector, DiscoveryContacts, ManagementPort,
                  LocalRoot, PublicUrl, AllowedHost, MaxEventStreams, BandwidthLimit, TlsCert, TlsKey, TlsCa, TlsPasswordFile, WatchRescanMinutes])
        {
            Options.Add(option);
        }
    }

    public CliOption<string?> Http { get; } = CliOptions.Text("--http", "URL",
        "Where the HTTP front listens; beyond loopback only with an API token and a --local-root", "SMBSYNC_HTTP", NodeSettings.DefaultHttp.OriginalString);

    public CliOption<string?> Hostname { get; } = CliOptions.Text("--hostname", "HOST",
        "The host name or address other members reach this one at", "SMBSYNC_HOSTNAME", NodeSettings.DefaultHostname);

    public CliOption<string?> BindHostname { get; } = CliOptions.Text("--bind-hostname", "HOST",
        "The address remoting listens on, by default the --hostname (0.0.0.0 in a container whose name is not its own address)", "SMBSYNC_BIND_HOSTNAME");

    public CliOption<int> Port { get; } = CliOptions.Number("--port", "PORT", 1, 65535, NodeSettings.DefaultPort, "The remoting port", "SMBSYNC_PORT");

    public CliOption<string[]> Seed { get; } = CliOptions.List("--seed", "HOST:PORT",
        "A seed member (repeatable; the variable: comma-separated); none: this node forms a cluster of its own", "SMBSYNC_SEEDS");

    public CliOption<string?> Db { get; } = CliOptions.Text("--db", "sqlite:PATH|postgresql://...",
        "The journal: sqlite:PATH, or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE&sslrootcert=FILE] (the password may also come from --db-password-file or PGPASSWORD); by default journal.db in the data directory",
        "SMBSYNC_DB");

    public CliOption<string?> DbPasswordFile { get; } = CliOptions.Text("--db-password-file", "FILE",
        "A file holding the PostgreSQL password (e.g. a mounted Secret), so that --db carries none", "SMBSYNC_DB_PASSWORD_FILE");

    public CliOption<string?> DataDir { get; } = CliOptions.Text("--data-dir", "DIR",
        "The node's data directory (SQLite journal, log); by default ~/.local/share/smbsync", "SMBSYNC_DATA_DIR");

    public CliOption<string?> ApiTokenFile { get; } = CliOptions.Text("--api-token-file", "FILE",
        "A file holding the token every /api call must carry (else SMBSYNC_API_TOKEN); without one the front listens on loopback only",
        "SMBSYNC_API_TOKEN_FILE");

    public CliOption<string?> CredentialsDir { get; } = CliOptions.Text("--credentials-dir", "DIR",
        "A directory of credential files, one per credential name (e.g. a mounted Secret); by default the environment", "SMBSYNC_CREDENTIALS_DIR");

    public CliOption<string[]> Config { get; } = CliOptions.List("--config", "HOCON",
        "A HOCON file whose settings override the defaults (repeatable; added after the variable's comma-separated list)", "SMBSYNC_CONFIG");

    public CliOption<string?> Discovery { get; } = CliOptions.Text("--discovery", "static|kubernetes",
        "How the node finds the cluster: its --seed list, or the Kubernetes API", "SMBSYNC_DISCOVERY", "static");

    public CliOption<string?> DiscoveryService { get; } = CliOptions.Text("--discovery-service", "NAME",
        "The Kubernetes service of the cluster's pods", "SMBSYNC_DISCOVERY_SERVICE", KubernetesDiscovery.DefaultService);

    public CliOption<string?> DiscoverySelector { get; } = CliOptions.Text("--discovery-selector", "LABELS",
        "The label selector of the cluster's pods; by default app.kubernetes.io/name=SERVICE", "SMBSYNC_DISCOVERY_SELECTOR");

    public CliOption<int> DiscoveryContacts { get; } = CliOptions.Number("--discovery-contacts", "N", 1, 1000, KubernetesDiscovery.DefaultRequiredContacts,
        "Pods found before a new cluster is formed", "SMBSYNC_DISCOVERY_CONTACTS", outOfRange: "{0} '{1}' is not a number of pods (1-1000)");

    public CliOption<int> WatchRescanMinutes { get; } = CliOptions.Number("--watch-rescan-minutes", "N", 1, NodeSettings.MaxWatchRescanMinutes,
        NodeSettings.DefaultWatchRescanMinutes, "Minutes between the full rescans of a watched job, whatever its watchers say", "SMBSYNC_WATCH_RESCAN_MINUTES",
        outOfRange: "{0} '{1}' is not a number of minutes (1-10080)");

    public CliOption<int> ManagementPort { get; } = CliOptions.Number("--management-port", "PORT", 1, 65535, KubernetesDiscovery.DefaultManagementPort,
        "The port Akka.Management answers discovery on", "SMBSYNC_MANAGEMENT_PORT");

    public CliOption<string[]> LocalRoot { get; } = CliOptions.List("--local-root", "DIR",
        "A directory job specs' local paths must lie under (repeatable; the variable: a path list); required when --http listens beyond loopback",
        "SMBSYNC_LOCAL_ROOTS");

    public CliOption<string?> PublicUrl { get; } = CliOptions.Text("--public-url", "URL",
        "The address users reach the front at (an ingress, a proxy), if not its own", "SMBSYNC_PUBLIC_URL");

    public CliOption<string[]> AllowedHost { get; } = CliOptions.List("--allowed-host", "NAME",
        "A further host name the front answers to, like a Service's DNS name (repeatable; the variable: comma-separated)", "SMBSYNC_ALLOWED_HOSTS");

    public CliOption<int> MaxEventStreams { get; } = CliOptions.Number("--max-event-streams", "N", 1, 10_000, FrontOptions.DefaultMaxEventStreams,
        "Event streams (/events) open at once; beyond, 503", "SMBSYNC_MAX_EVENT_STREAMS");

    public CliOption<string?> BandwidthLimit { get; } = CliOptions.Text("--bwlimit", "RATE|TIMETABLE",
        "Limit all transfers of the node's jobs together, on top of each job's own limit: 4M, 512K, a timetable such as \"08:00,1M 19:00,off\", or off", "SMBSYNC_BWLIMIT");

    public CliOption<string?> TlsCert { get; } = CliOptions.Text("--tls-cert", "FILE",
        "Mutual TLS on remoting: this member's certificate (PEM, or PKCS#12 without --tls-key); with --tls-ca", "SMBSYNC_TLS_CERT");

    public CliOption<string?> TlsKey { get; } = CliOptions.Text("--tls-key", "FILE", "The private key of a PEM --tls-cert", "SMBSYNC_TLS_KEY");

    public CliOption<string?> TlsCa { get; } = CliOptions.Text("--tls-ca", "FILE", "The authority every member's certificate must come from", "SMBSYNC_TLS_CA");

    public CliOption<string?> TlsPasswordFile { get; } = CliOptions.Text("--tls-password-file", "FILE",
        "A file holding the password of the key or PKCS#12 file", "SMBSYNC_TLS_PASSWORD_FILE");

    public override string Notes => HelpNotes.Node;

    public override string PositionalError(IReadOnlyList<string> positionals) =>
        $"node takes no positional argument ('{positionals[0]}'); see 'smbsync --help'";
}
