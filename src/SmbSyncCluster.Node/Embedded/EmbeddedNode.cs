using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using SmbSyncCluster.Cluster.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Node.Logging;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Node.Embedded;

/// <summary>
/// The single-node actor system of the one-shot CLI: the jobs (<see cref="LocalJobs"/>) on a SQLite
/// journal in the data directory, logs to a file beside it. No remoting, membership or shard
/// allocation: a one-shot sync would spend longer starting them than syncing a small tree. Syncs of
/// different jobs share a data directory; a job is one process's at a time (<see cref="DataDirectoryLock"/>).
/// </summary>
public sealed class EmbeddedNode : IAsyncDisposable
{
    private const string SystemName = "smbsync";
    private const string JournalFile = "journal.db";

    // The process's last log lines come after the log file is closed; they must not reach stdout.
    // Ctrl-C belongs to the command (it stops the run cleanly), not to Akka's own shutdown hook.
    private const string Settings = """
        akka.stdout-loglevel = WARNING
        akka.coordinated-shutdown.exit-clr = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """;

    private readonly IHost _host;
    private readonly LocalPathLock _lock;
    private readonly string _dataDirectory;
    private readonly Dictionary<string, LocalPathLock> _claims = new(StringComparer.Ordinal);

    private EmbeddedNode(IHost host, LocalPathLock lockFile, string dataDirectory, IActorRef jobs)
    {
        _host = host;
        _lock = lockFile;
        _dataDirectory = dataDirectory;
        Jobs = jobs;
    }

    /// <summary>The jobs, addressed by job id as the shard region addresses them.</summary>
    public IActorRef Jobs { get; }

    /// <summary>The views job <paramref name="jobId"/> pushes, from now until the feed is disposed.</summary>
    public JobFeed Follow(string jobId) => JobFeed.Open(_host.Services.GetRequiredService<ActorSystem>(), Jobs, jobId);

    /// <summary>The problems job <paramref name="jobId"/>'s watcher meets, from now until the feed is disposed.</summary>
    public WatchProblemFeed WatchProblems(string jobId) => WatchProblemFeed.Open(_host.Services.GetRequiredService<ActorSystem>(), jobId);

    /// <summary>Where the data directory is when none is given: under the user's data directory.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "smbsync");

    /// <summary>Starts the node; throws <see cref="DataDirectoryBusyException"/> when a node holds the directory.</summary>
    public static async Task<EmbeddedNode> StartAsync(string dataDirectory, RunEnvironment environment, CancellationToken ct)
    {
        var lockFile = LockShared(dataDirectory);
        PrivateFiles.PrepareFile(Path.Combine(dataDirectory, JournalFile));
        var logger = EmbeddedLog.Open(dataDirectory);
        var host = new HostBuilder()
            .UseSerilog(logger, dispose: true)
            .ConfigureServices(services => services.AddSingleton<IHostLifetime, CommandLifetime>())
            .ConfigureServices(services => services.AddAkka(SystemName, (akka, _) => akka
                .WithAkkaLogBridge()
                .AddHocon(ConfigurationFactory.ParseString(Settings), HoconAddMode.Prepend)
                .WithSqliteJobJournal(Path.Combine(dataDirectory, JournalFile))
                .WithLocalJobs(environment)))
            .Build();
        try
        {
            await host.StartAsync(ct);
            var jobs = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<LocalJobs>(ct);
            return new EmbeddedNode(host, lockFile, dataDirectory, jobs);
        }
        catch
        {
            host.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes the data directory's lock beside other syncs; when it finds the directory to itself, it first
    /// rotates the log, which no other process then has open.
    /// </summary>
    private static LocalPathLock LockShared(string dataDirectory)
    {
        try
        {
            using (DataDirectoryLock.Acquire(dataDirectory))
            {
                EmbeddedLog.RotateIfFull(dataDirectory);
            }
        }
        catch (DataDirectoryBusyException)
        {
            // Another sync is running (the log is not ours to move), or a node is, which the shared lock reports.
        }
        return DataDirectoryLock.Share(dataDirectory);
    }

    /// <summary>
    /// Holds job <paramref name="jobId"/> for this process until it ends: another sync of the same job
    /// would write its events too. Throws <see cref="PlaceBusyException"/> naming <paramref name="describedAs"/>
    /// and the holder when another process keeps it past a brief wait.
    /// </summary>
    public async Task ClaimJobAsync(string jobId, string describedAs, CancellationToken ct)
    {
        if (!_claims.ContainsKey(jobId))
        {
            _claims[jobId] = await DataDirectoryLock.AcquireJobAsync(_dataDirectory, jobId, describedAs, ct);
        }
    }

    /// <summary>Lets the jobs finish their snapshot writes: stopping the actor system would cut them off.</summary>
    private async Task StopJobsAsync()
    {
        try
        {
            await Jobs.Ask<Done>(LocalJobs.StopAll.Instance, TimeSpan.FromSeconds(10));
        }
        catch (AskTimeoutException)
        {
            // A snapshot store that does not answer costs only the next recovery's time: the events are journaled.
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
            await StopJobsAsync();
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _host.Dispose();
            foreach (var claim in _claims.Values)
            {
                claim.Dispose();
            }
            _lock.Dispose();
            Console.SetOut(console);
        }
    }
}

/// <summary>
/// The host's lifetime in a one-shot command: no signal handling of its own. Ctrl-C belongs to the
/// command, which stops the run cleanly; the default console lifetime would shut the actor system
/// down under it instead.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
