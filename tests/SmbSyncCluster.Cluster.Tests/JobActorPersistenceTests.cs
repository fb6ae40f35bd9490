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
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>A job's events go to a real SQLite journal through our serializer and come back after a restart.</summary>
public sealed class JobActorPersistenceTests
{
    private static readonly JobSpec Spec = StalledRuns.Spec("docs") with { Mode = SyncMode.Upload };
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static Task<IHost> StartAsync(string database) => JobJournalHost.StartAsync(database);

    [Fact]
    public async Task Events_survive_a_restart_of_the_actor_system()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-journal-").FullName, "jobs.db");
        var first = await StartAsync(database);
        var job = first.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("docs", StalledRuns.Environment));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(Spec), Timeout));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new StartRun("docs", "r1", DateTimeOffset.UtcNow, DryRun: false), Timeout));
        var refused = Assert.IsType<CommandRefused>(await job.Ask<object>(new StartRun("docs", "r2", DateTimeOffset.UtcNow, DryRun: false), Timeout));
        Assert.Equal(JobRefusal.Busy, refused.Refusal);
        await first.StopAsync();
        first.Dispose();

        var second = await StartAsync(database);
        var recovered = await second.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("docs", StalledRuns.Environment)).Ask<JobView>(new GetJob("docs"), Timeout);
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
        var job = host.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("docs", StalledRuns.Environment));
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

/// <summary>Snapshots: taken every N events, older ones deleted, and recovery starts from the newest.</summary>
public sealed class JobActorSnapshotTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Recovery_starts_from_the_latest_snapshot()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-journal-").FullName, "jobs.db");
        var spec = StalledRuns.Spec("snap");
        var first = await JobJournalHost.StartAsync(database);
        var job = first.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("snap", StalledRuns.Environment, snapshotInterval: 2));
        await job.Ask<object>(new DefineJob(spec), Timeout);
        for (var i = 0; i < 3; i++)
        {
            await job.Ask<object>(new DefineJob(spec with { Workers = i + 1 }), Timeout);
        }
        await Task.Delay(500); // let the snapshot store finish writing and deleting
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new StartRun("snap", "after-snapshot", DateTimeOffset.UtcNow, DryRun: false), Timeout));
        await first.StopAsync();
        first.Dispose();

        var second = await JobJournalHost.StartAsync(database);
        var view = await second.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("snap", StalledRuns.Environment, snapshotInterval: 2)).Ask<JobView>(new GetJob("snap"), Timeout);
        await second.StopAsync();
        second.Dispose();

        Assert.Equal((3, "after-snapshot"), (view.Spec!.Workers, view.RunId)); // the snapshot, then the event after it
        Assert.Equal([(4L, JobSnapshotCodec.Manifest)], await SnapshotsAsync(database, "job-snap")); // older ones deleted
    }

    [Fact]
    public async Task Replayed_events_count_towards_the_next_snapshot()
    {
        // One CLI sync per process writes two events: counting only its own, no process ever reached the interval.
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-journal-").FullName, "jobs.db");
        var spec = StalledRuns.Spec("short-lived");
        for (var incarnation = 1; incarnation <= 3; incarnation++)
        {
            var host = await JobJournalHost.StartAsync(database);
            var job = host.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("short-lived", StalledRuns.Environment, snapshotInterval: 5));
            await job.Ask<object>(new DefineJob(spec with { Workers = (2 * incarnation) - 1 }), Timeout);
            await job.Ask<object>(new DefineJob(spec with { Workers = 2 * incarnation }), Timeout);
            await Task.Delay(300); // let the snapshot store finish writing
            await host.StopAsync();
            host.Dispose();
        }

        Assert.Equal([(5L, JobSnapshotCodec.Manifest)], await SnapshotsAsync(database, "job-short-lived"));
    }

    private static async Task<List<(long SequenceNr, string Manifest)>> SnapshotsAsync(string database, string persistenceId)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var query = new SqliteCommand("SELECT sequence_number, manifest FROM snapshot WHERE persistence_id = $id", connection);
        query.Parameters.AddWithValue("$id", persistenceId);
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        return rows;
    }
}
