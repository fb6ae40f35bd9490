using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SmbSyncCluster.Cluster.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Testing;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>The same job journal on a real PostgreSQL, as a multi-node cluster uses it.</summary>
public sealed class PostgresJournalTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Events_and_snapshots_survive_a_restart_on_postgresql()
    {
        var spec = StalledRuns.Spec("pg");
        var first = await JobJournalHost.StartAsync(akka => akka.WithPostgresJobJournal(postgres.ConnectionString));
        var job = first.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("pg", StalledRuns.Environment, snapshotInterval: 2));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec), Timeout));
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec with { Workers = 5 }), Timeout));
        await Task.Delay(500); // the snapshot taken at the second event is written
        Assert.IsType<CommandAccepted>(await job.Ask<object>(new StartRun("pg", "r1", DateTimeOffset.UtcNow, DryRun: false), Timeout));
        await first.StopAsync();
        first.Dispose();

        var second = await JobJournalHost.StartAsync(akka => akka.WithPostgresJobJournal(postgres.ConnectionString));
        var view = await second.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("pg", StalledRuns.Environment, snapshotInterval: 2)).Ask<JobView>(new GetJob("pg"), Timeout);
        await second.StopAsync();
        second.Dispose();

        Assert.Equal((5, JobStatus.Running, "r1"), (view.Spec!.Workers, view.Status, view.RunId));
    }

    [Fact]
    public async Task Five_hundred_runs_leave_a_journal_as_small_as_one_hundred_on_postgresql()
    {
        var runs = new CompactionRuns(
            akka => akka.WithPostgresJobJournal(postgres.ConnectionString), () => new NpgsqlConnection(postgres.ConnectionString), TestJobs.WithFiles("pg-busy", 3));

        var hundred = await runs.RunAsync(first: 1, runs: 100);
        var fiveHundred = await runs.RunAsync(first: 101, runs: 400);
        var recovered = await runs.RunAsync(first: 501, runs: 0);

        Verify.BoundedAndRecovered(hundred, fiveHundred, recovered);
    }
}
