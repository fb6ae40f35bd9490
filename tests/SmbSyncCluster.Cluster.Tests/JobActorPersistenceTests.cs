using Akka.Actor;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmbSyncCluster.Cluster.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Serialization;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>A job's events go to a real SQLite journal through our serializer and come back after a restart.</summary>
public sealed class JobActorPersistenceTests
{
    private static readonly JobSpec Spec = new() { Id = "docs", LocalPath = "/srv/docs", Remote = "smb://svc@nas/team/docs", Mode = "upload" };
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static async Task<IHost> StartAsync(string database)
    {
        var host = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .ConfigureServices(services => services.AddAkka("jobs-test", (akka, _) => akka
                .ConfigureLoggers(l => l.LogLevel = Akka.Event.LogLevel.WarningLevel)
                .WithSqliteJobJournal(database)))
            .Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task Events_survive_a_restart_of_the_actor_system()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-journal-").FullName, "jobs.db");
        var first = await StartAsync(database);
        var job = first.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("docs"));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(Spec), Timeout));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new StartRun("docs", "r1", DateTimeOffset.UtcNow, DryRun: false), Timeout));
        var refused = Assert.IsType<CommandRefused>(await job.Ask<object>(new StartRun("docs", "r2", DateTimeOffset.UtcNow, DryRun: false), Timeout));
        Assert.Equal(JobRefusal.Busy, refused.Refusal);
        await first.StopAsync();
        first.Dispose();

        var second = await StartAsync(database);
        var recovered = await second.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("docs")).Ask<JobView>(new GetJob("docs"), Timeout);
        await second.StopAsync();
        second.Dispose();

        Assert.Equal(Spec.Remote, recovered.Spec!.Remote);
        Assert.Equal((JobStatus.Running, "r1"), (recovered.Status, recovered.RunId));
    }

    [Fact]
    public async Task Journal_rows_carry_our_serializer_and_manifests()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-journal-").FullName, "jobs.db");
        var host = await StartAsync(database);
        var job = host.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("docs"));
        await job.Ask<object>(new DefineJob(Spec), Timeout);
        await job.Ask<object>(new StartRun("docs", "r1", DateTimeOffset.UtcNow, DryRun: true), Timeout);
        await host.StopAsync();
        host.Dispose();

        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var query = new SqliteCommand("SELECT manifest, identifier FROM journal WHERE persistence_id = 'job-docs' ORDER BY sequence_number", connection);
        var rows = new List<(string, long)>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        Assert.Equal([("JobDefined.v1", JobSerializer.Id), ("RunStarted.v1", JobSerializer.Id)], rows);
    }
}
