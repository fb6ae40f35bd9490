using Akka.Actor;
using Akka.Cluster.Hosting;
using Microsoft.AspNetCore.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Serilog;
using SmbSyncCluster.Cluster.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Metrics;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Node.Credentials;
using SmbSyncCluster.Node.Dashboard;
using SmbSyncCluster.Node.Http;
using SmbSyncCluster.Node.Logging;
using SmbSyncCluster.Node.Reports;
using SmbSyncCluster.Sync.Limits;

namespace SmbSyncCluster.Node.Hosting;

/// <summary>
/// <c>smbsync node</c>: a cluster member hosting its share of the jobs (the shard region), the receptionist
/// remote clients reach through the cluster client, and the HTTP front. Stopping it (SIGTERM, Ctrl-C)
/// leaves the cluster and hands its shards over before the process ends.
/// </summary>
public static class NodeHost
{
    /// <summary>The actor system's name: every member and client of a cluster uses it.</summary>
    public const string SystemName = "smbsync";

    /// <summary>Long enough for the coordinated shutdown to leave the cluster and hand the shards over (a pod's grace period must exceed it).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(75);

    private const int MaxRequestBody = 1024 * 1024;
    private const string LiveTag = "live";
    private const string ReadyTag = "ready";

    /// <summary>Builds the node's web application (not started).</summary>
    public static WebApplication Build(NodeSettings settings, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Directory.CreateDirectory(settings.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder();
        var urls = new List<string> { settings.Http.ToString() };
        if (settings.Kubernetes is { } discovery)
        {
            urls.Add(new UriBuilder("http", settings.BindHostname, discovery.ManagementPort).Uri.ToString()); // probed by the other pods' bootstrap
        }
        builder.WebHost.UseUrls([.. urls]);
        // A job spec is a few hundred bytes; nothing the API takes needs more than this.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBody);
        builder.Host.UseSerilog((_, log) => log
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            // Every probe of a node still joining would be an error line: ReadinessLog says what changes.
            .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", Serilog.Events.LogEventLevel.Fatal)
            .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}"));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.ConfigureHttpJsonOptions(o => NodeJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<MemberReadiness>("cluster-member", HealthStatus.Unhealthy, [ReadyTag]);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IHealthCheckPublisher, ReadinessLog>();
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.FromSeconds(1);
            o.Period = TimeSpan.FromSeconds(5);
            o.Predicate = check => check.Tags.Contains(ReadyTag);
        });
        var metrics = new JobMetrics();
        builder.Services.AddSingleton(metrics);
        var credentials = new CredentialStore(settings.CredentialsDirectory, environment);
        var runs = new RunEnvironment
        {
            Passwords = credentials.Lookup,
            PrivatePaths = settings.PrivatePaths,
            LocalRoots = settings.Front.LocalRoots,
            CredentialHosts = credentials.HostsOf,
            Watching = new WatchTiming { SafetyRescan = settings.WatchRescan },
            NodeBandwidth = settings.BandwidthLimit.IsOff ? null : new BandwidthLimit(settings.BandwidthLimit, TimeProvider.System),
        };
        builder.Services.AddSingleton(runs.Limits);
        builder.Services.AddSingleton(runs);
        var token = ApiToken.Of(settings.ApiToken);
        builder.Services.AddSingleton(new DashboardSessions(TimeProvider.System, token));
        builder.Services.AddSingleton(new EventStreamLimit(settings.Front.MaxEventStreams));
        builder.Services.AddAkka(SystemName, (akka, _) => ConfigureAkka(akka, settings, runs, metrics));

        var app = builder.Build();
        if (settings.Kubernetes is { } kubernetes)
        {
            // The management port answers the bootstrap's probes and nothing else: the API keeps its own address and token.
            app.MapWhen(c => c.Connection.LocalPort == kubernetes.ManagementPort, management => management.Run(SeedNodesRoute.HandleAsync));
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The name first (whoever asks), then the token, then what only a browser sent from another site would carry.
        app.Use(new HostGuard(settings.Front.HostNames(settings.Http)).InvokeAsync);
        app.Use(new ApiTokenMiddleware(token, app.Services.GetRequiredService<DashboardSessions>()).InvokeAsync);
        app.Use(new CrossSiteGuard(settings.Front.PublicUrl).InvokeAsync);
        app.MapJobRoutes();
        app.MapVersionRoutes();
        app.MapClusterRoutes();
        app.MapDashboard(token, settings.Front.PublicUrl);
        app.MapServerRoutes();
        app.MapOpenApi();
        app.MapHealthChecks(HealthPaths.Live, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapHealthChecks(HealthPaths.Ready, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapGet("/metrics", (ActorSystem system) =>
            Results.Text(MetricsText.Render(metrics, Akka.Cluster.Cluster.Get(system)), MetricsText.ContentType)).ExcludeFromDescription();
        return app;
    }

    private static void ConfigureAkka(AkkaConfigurationBuilder akka, NodeSettings settings, RunEnvironment environment, JobMetrics metrics)
    {
        // Whether remoting is plain TCP (loopback only) is the settings' to say: the deployment's files may not set these keys (NodeConfiguration.OptionKeys).
        var remoting = new RemoteOptions { HostName = settings.BindHostname, PublicHostName = settings.Hostname, Port = settings.Port, EnableSsl = settings.Tls is not null };
        if (settings.Tls is { } tls)
        {
            akka.AddSetup(tls.Setup);
        }
        akka.WithAkkaLogBridge()
            .WithRemoting(remoting)
            .WithClusterFormation(settings);
        if (settings.PostgresConnectionString is { } postgres)
        {
            akka.WithPostgresJobJournal(postgres, journal => journal.WithHealthCheck(HealthStatus.Unhealthy, tags: [ReadyTag]));
        }
        else
        {
            akka.WithSqliteJobJournal(settings.SqlitePath!, journal => journal.WithHealthCheck(HealthStatus.Unhealthy, tags: [ReadyTag]));
        }
        akka.WithServerGate()
            .WithJobShardRegion(environment)
            .WithJobReceptionist()
            .WithJobMetrics(metrics)
            .WithActorSystemLivenessCheck(tags: [LiveTag])
            // Last: the deployment's files, then our defaults, over everything added above.
            .WithNodeConfiguration(settings);
    }
}
