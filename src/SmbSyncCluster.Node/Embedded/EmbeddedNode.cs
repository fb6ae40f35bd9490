using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using SmbSyncCluster.Cluster.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;

namespace SmbSyncCluster.Node.Embedded;

/// <summary>
/// A one-node cluster inside the CLI process: the job shard region on a SQLite journal in the data
/// directory, remoting on a loopback port of the system's choosing, logs to a file beside the journal.
/// One process at a time per data directory (a lock file says so).
/// </summary>
public sealed class EmbeddedNode : IAsyncDisposable
{
    private const string SystemName = "smbsync";

    // A lone node joins itself: no need to wait out the cluster's start-up delays.
    private const string QuickStart = """
        akka.stdout-loglevel = WARNING
        akka.cluster.periodic-tasks-initial-delay = 10ms
        akka.cluster.leader-actions-interval = 50ms
        akka.cluster.gossip-interval = 100ms
        akka.cluster.sharding.retry-interval = 200ms
        akka.cluster.singleton.hand-over-retry-interval = 20ms
        akka.coordinated-shutdown.exit-clr = off
        akka.cluster.run-coordinated-shutdown-when-down = off
        """;

    private readonly IHost _host;
    private readonly FileStream _lock;

    private EmbeddedNode(IHost host, FileStream lockFile, IActorRef jobs)
    {
        _host = host;
        _lock = lockFile;
        Jobs = jobs;
    }

    /// <summary>The job shard region.</summary>
    public IActorRef Jobs { get; }

    /// <summary>Where the data directory is when none is given: under the user's data directory.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "smbsync");

    /// <summary>Starts the node; throws <see cref="DataDirectoryBusyException"/> when another process holds the directory.</summary>
    public static async Task<EmbeddedNode> StartAsync(string dataDirectory, RunEnvironment environment, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDirectory);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(dataDirectory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DataDirectoryBusyException(dataDirectory);
        }
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.File(Path.Combine(dataDirectory, "smbsync.log"), fileSizeLimitBytes: 16 * 1024 * 1024, rollOnFileSizeLimit: true, retainedFileCountLimit: 3)
            .CreateLogger();
        var host = new HostBuilder()
            .UseSerilog(logger, dispose: true)
            .ConfigureServices(services => services.AddAkka(SystemName, (akka, _) => akka
                .ConfigureLoggers(l =>
                {
                    l.LogLevel = Akka.Event.LogLevel.InfoLevel;
                    l.ClearLoggers();
                    l.AddLoggerFactory();
                })
                .AddHocon(ConfigurationFactory.ParseString(QuickStart), HoconAddMode.Prepend)
                .WithRemoting("127.0.0.1", 0)
                .WithClustering(new ClusterOptions { LogInfo = false })
                .AddStartup((system, _) => Akka.Cluster.Cluster.Get(system).Join(Akka.Cluster.Cluster.Get(system).SelfAddress))
                .WithSqliteJobJournal(Path.Combine(dataDirectory, "journal.db"))
                .WithJobShardRegion(environment)))
            .Build();
        try
        {
            await host.StartAsync(ct);
            var jobs = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<JobActor>(ct);
            return new EmbeddedNode(host, lockFile, jobs);
        }
        catch
        {
            host.Dispose();
            await lockFile.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Akka logs its last lines (remoting shut down) to the console once the log file is closed;
        // stdout carries the --json summary and nothing else.
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _host.Dispose();
            await _lock.DisposeAsync();
            Console.SetOut(console);
        }
    }
}

/// <summary>Another smbsync process uses the data directory.</summary>
public sealed class DataDirectoryBusyException(string directory)
    : Exception($"another smbsync process is using the data directory '{directory}' (see --data-dir)");
