using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmbSyncCluster.Cluster.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>
/// After a snapshot, a job deletes the events and snapshots before it: its journal on SQLite holds the
/// latest snapshot and the events since, however many runs it made, and recovers the same job.
/// </summary>
public sealed class JournalCompactionTests
{
    /// <summary>The events since the latest snapshot, its own, and the last deleted row (kept by the journal for its sequence number).</summary>
    internal const long MostJournalRows = JobActor.DefaultSnapshotInterval + 2;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static CompactionRuns Sqlite(string id, out string database)
    {
        database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-compaction-").FullName, "jobs.db");
        var path = database;
        return new CompactionRuns(akka => akka.WithSqliteJobJournal(path), () => new SqliteConnection($"Data Source={path}"), TestJobs.WithFiles(id, 3));
    }

    [Fact]
    public async Task Five_hundred_runs_leave_a_journal_as_small_as_one_hundred()
    {
        var runs = Sqlite("busy", out _);

        var hundred = await runs.RunAsync(first: 1, runs: 100);
        var fiveHundred = await runs.RunAsync(first: 101, runs: 400);
        var recovered = await runs.RunAsync(first: 501, runs: 0);

        Verify.BoundedAndRecovered(hundred, fiveHundred, recovered);
    }

    [Fact]
    public async Task A_snapshot_whose_deletions_never_happened_recovers_the_same_and_is_compacted_later()
    {
        // The state between a snapshot and its deletions, as a crash leaves it: deletions refused by the database.
        var runs = Sqlite("interrupted", out _);
        await runs.RunAsync(first: 1, runs: 1); // creates the tables
        await runs.ExecuteAsync("CREATE TRIGGER refuse_deletes BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'deletes refused'); END;");

        var uncompacted = await runs.RunAsync(first: 2, runs: 99);
        var recovered = await runs.RunAsync(first: 101, runs: 0);
        await runs.ExecuteAsync("DROP TRIGGER refuse_deletes;");
        var compacted = await runs.RunAsync(first: 101, runs: 100);

        Assert.Equal(uncompacted.Last.Version, uncompacted.JournalRows); // every event kept: the deletions were refused
        Assert.Equal(Verify.Runs(uncompacted.History), Verify.Runs(recovered.History));
        Assert.Equal((uncompacted.Last.TrackedPaths, uncompacted.Last.Version), (recovered.Recovered.TrackedPaths, recovered.Recovered.Version));
        Assert.InRange(compacted.JournalRows, 1, MostJournalRows);
        Assert.Equal(1, compacted.SnapshotRows);
    }

    [Fact]
    public async Task A_job_snapshotted_at_its_last_event_is_still_listed_and_goes_on_numbering()
    {
        // The job lists are read from the journal's persistence ids, which leave out a job whose every event
        // is deleted; a restart that forgot the highest sequence number would write over the job's numbers.
        _ = Sqlite("all-deleted", out var database);
        var spec = StalledRuns.Spec("all-deleted");
        foreach (var workers in new[] { 1, 2, 3 })
        {
            var host = await JobJournalHost.StartAsync(database);
            var system = host.Services.GetRequiredService<ActorSystem>();
            var job = system.ActorOf(JobActor.Props(spec.Id, StalledRuns.Environment, snapshotInterval: 1));
            Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec with { Workers = workers }), Timeout));
            var stopped = job.WatchAsync();
            job.Tell(StopWhenSettled.Instance);
            await stopped.WaitAsync(Timeout);
            var ids = await PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
                .CurrentPersistenceIds().RunWith(Sink.Seq<string>(), system.Materializer());
            var view = await system.ActorOf(JobActor.Props(spec.Id, StalledRuns.Environment)).Ask<JobView>(new GetJob(spec.Id), Timeout);
            await host.StopAsync();
            host.Dispose();

            Assert.Contains("job-all-deleted", ids);
            Assert.Equal((workers, (long)workers), (view.Spec!.Workers, view.Version));
        }
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var rows = new SqliteCommand("SELECT COUNT(*) FROM journal WHERE persistence_id = 'job-all-deleted' AND NOT deleted", connection);
        Assert.Equal(1L, (long)(await rows.ExecuteScalarAsync())!); // the snapshot's own event
    }
}

/// <summary>What a compacted journal must show, whatever the database.</summary>
internal static class Verify
{
    /// <summary>
    /// The journal's rows after 100 and after 500 runs are within one snapshot interval; each system
    /// recovered the job its predecessor left (base, history, sequence number) and went on from it.
    /// </summary>
    public static void BoundedAndRecovered(CompactionRuns.Incarnation hundred, CompactionRuns.Incarnation fiveHundred, CompactionRuns.Incarnation recovered)
    {
        Assert.InRange(hundred.JournalRows, 1, JournalCompactionTests.MostJournalRows);
        Assert.InRange(fiveHundred.JournalRows, 1, JournalCompactionTests.MostJournalRows);
        Assert.Equal((1L, 1L), (hundred.SnapshotRows, fiveHundred.SnapshotRows));
        Assert.Equal((0L, 0L), (hundred.TagRows, fiveHundred.TagRows));

        Assert.Equal(SameJob(hundred.Last), SameJob(fiveHundred.Recovered));
        Assert.Equal(SameJob(fiveHundred.Last), SameJob(recovered.Recovered));
        Assert.Equal(50, fiveHundred.History.Count);
        Assert.Equal([.. Enumerable.Range(451, 50).Select(run => $"r{run:0000}")], fiveHundred.History.Select(run => run.RunId));
        Assert.Equal(Runs(fiveHundred.History), Runs(recovered.History));
    }

    /// <summary>What the history shows of each run (its lists are compared by reference in a record).</summary>
    public static IEnumerable<(string, Contracts.RunOutcome, int, DateTimeOffset, DateTimeOffset)> Runs(IReadOnlyList<Contracts.RunSummary> history) =>
        history.Select(run => (run.RunId, run.Outcome, run.Uploaded, run.StartedAt, run.FinishedAt));

    private static (int, long, string?, DateTimeOffset?) SameJob(Contracts.JobView view) => (view.TrackedPaths, view.Version, view.LastRun?.RunId, view.LastRun?.FinishedAt);
}
