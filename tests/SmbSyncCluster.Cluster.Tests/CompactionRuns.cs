using System.Data.Common;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>
/// Many runs of a small job against a real journal, in incarnations of the actor system, and the rows
/// the journal holds for the job in between, counted with SQL.
/// </summary>
internal sealed class CompactionRuns(Action<AkkaConfigurationBuilder> journal, Func<DbConnection> connect, JobSpec spec)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private string PersistenceId => JobActor.PersistencePrefix + spec.Id;

    /// <summary>What a job showed when its system stopped, and the rows its journal held then.</summary>
    public sealed record Incarnation(JobView Recovered, JobView Last, IReadOnlyList<RunSummary> History, long JournalRows, long SnapshotRows, long TagRows);

    /// <summary>
    /// Starts a system, recovers the job (defining it if new), makes <paramref name="runs"/> runs numbered from
    /// <paramref name="first"/>, stops the job once its snapshot writes and deletions ended, then counts its rows.
    /// </summary>
    public async Task<Incarnation> RunAsync(int first, int runs)
    {
        var host = await JobJournalHost.StartAsync(journal);
        try
        {
            var job = host.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props(spec.Id, TestJobs.Environment(remote => remote)));
            var recovered = await job.Ask<JobView>(new GetJob(spec.Id), Timeout);
            if (recovered.Spec is null)
            {
                Assert.IsType<CommandAccepted>(await job.Ask<object>(new DefineJob(spec), Timeout));
            }
            for (var run = first; run < first + runs; run++)
            {
                var runId = $"r{run:0000}";
                Assert.IsType<CommandAccepted>(await job.Ask<object>(new StartRun(spec.Id, runId, DateTimeOffset.UtcNow, DryRun: false), Timeout));
                var ended = await TestJobs.AskUntilAsync<JobView>(job, new GetJob(spec.Id), v => v.RunId is null && v.LastRun?.RunId == runId, Timeout);
                Assert.Equal(RunOutcome.Completed, ended.LastRun!.Outcome);
            }
            var last = await job.Ask<JobView>(new GetJob(spec.Id), Timeout);
            var history = (await job.Ask<JobHistory>(new GetJobHistory(spec.Id), Timeout)).Runs;
            var stopped = job.WatchAsync();
            job.Tell(StopWhenSettled.Instance);
            await stopped.WaitAsync(Timeout);
            return new Incarnation(recovered, last, history, await CountAsync("journal"), await CountAsync("snapshot"), await CountAsync("tags"));
        }
        finally
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    /// <summary>Runs <paramref name="sql"/> on the journal's database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE persistence_id = '{PersistenceId}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
