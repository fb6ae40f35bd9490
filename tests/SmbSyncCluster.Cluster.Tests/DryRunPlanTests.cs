using System.Text;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>A dry run's plan goes to whoever asks for the job, never into the journal, its snapshots or the history.</summary>
public sealed class DryRunPlanTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_job_shows_a_dry_runs_plan_and_keeps_none()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("smbsync-journal-").FullName, "jobs.db");
        var spec = TestJobs.WithFiles("plan", 3);
        var host = await JobJournalHost.StartAsync(database);
        var job = host.Services.GetRequiredService<ActorSystem>().ActorOf(JobActor.Props("plan", TestJobs.Environment(remote => remote)));
        await job.Ask<object>(new DefineJob(spec), Wait);

        await job.Ask<object>(new StartRun("plan", "dry", DateTimeOffset.UtcNow, DryRun: true), Wait);
        var afterDryRun = await TestJobs.AskUntilAsync<JobView>(job, new GetJob("plan"), v => v.LastRun?.RunId == "dry", Wait);
        var history = await job.Ask<JobHistory>(new GetJobHistory("plan"), Wait);
        await job.Ask<object>(new StartRun("plan", "real", DateTimeOffset.UtcNow, DryRun: false), Wait);
        var afterRealRun = await TestJobs.AskUntilAsync<JobView>(job, new GetJob("plan"), v => v.LastRun?.RunId == "real", Wait);
        await host.StopAsync();
        host.Dispose();

        var plan = afterDryRun.LastRun!.Plan!;
        Assert.Equal(["f000.txt", "f001.txt", "f002.txt"], plan.Select(p => p.Path).Order());
        Assert.All(plan, p => Assert.Equal("upload", p.Action));
        Assert.Equal(3, afterDryRun.LastRun.Planned);
        Assert.Null(history.Runs.Single().Plan);
        Assert.Null(afterRealRun.LastRun!.Plan);
        var journal = await JournalTextAsync(database);
        Assert.Contains(journal, t => t.Contains("\"runId\":\"dry\"", StringComparison.Ordinal) && t.Contains("\"dryRun\":true", StringComparison.Ordinal));
        Assert.DoesNotContain(journal, t => t.Contains("\"plan\":", StringComparison.Ordinal) || t.Contains("\"planned\":", StringComparison.Ordinal));
    }

    private static async Task<List<string>> JournalTextAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var query = new SqliteCommand("SELECT message FROM journal WHERE persistence_id = 'job-plan'", connection);
        var rows = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Encoding.UTF8.GetString((byte[])reader.GetValue(0)));
        }
        Assert.NotEmpty(rows);
        return rows;
    }
}
