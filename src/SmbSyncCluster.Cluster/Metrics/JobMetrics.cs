using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Cluster.Metrics;

/// <summary>
/// What this node's jobs did since it started, per job: counters fed by the events the jobs persist
/// here (<see cref="MetricsListener"/>). A job that moves to another node counts there from then on;
/// a monitoring system sums the nodes. Beside them, gauges of when each job last ran and last completed
/// and its schedule, which a job also reports as it recovers here; a deleted job's series go.
/// </summary>
public sealed class JobMetrics
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JobCounters> _jobs = new(StringComparer.Ordinal);

    /// <summary>Counts one persisted event.</summary>
    public void Record(IJobEvent e)
    {
        lock (_lock)
        {
            switch (e)
            {
                case JobDefined defined:
                    CountersOf(defined.JobId).IntervalSeconds = defined.Spec.IntervalSeconds;
                    break;
                case JobDeleted deleted:
                    _jobs.Remove(deleted.JobId);
                    break;
                case RunStarted started:
                    CountersOf(started.JobId).RunsStarted++;
                    break;
                case ItemsSynced synced:
                    var counters = CountersOf(synced.JobId);
                    counters.ItemsSynced += synced.Changes.Count;
                    counters.Bytes += synced.Bytes;
                    break;
                case ItemsFailed failed:
                    CountersOf(failed.JobId).ItemsFailed += failed.Errors.Count;
                    break;
                case RunFinished finished:
                    var job = CountersOf(finished.JobId);
                    var outcome = finished.Summary.Outcome.WireName;
                    job.RunsFinished[outcome] = job.RunsFinished.GetValueOrDefault(outcome) + 1;
                    job.RunSeconds += Math.Max(0, (finished.Summary.FinishedAt - finished.Summary.StartedAt).TotalSeconds);
                    job.LastRunAt = finished.Summary.FinishedAt;
                    if (finished.Summary.Outcome == RunOutcome.Completed && !finished.Summary.DryRun)
                    {
                        job.LastCompletedAt = finished.Summary.FinishedAt;
                    }
                    break;
            }
        }
    }

    /// <summary>Takes what a job recovered here knows of its runs and schedule.</summary>
    public void Record(JobRecovered recovered)
    {
        ArgumentNullException.ThrowIfNull(recovered);
        lock (_lock)
        {
            var job = CountersOf(recovered.JobId);
            (job.IntervalSeconds, job.LastRunAt, job.LastCompletedAt) = (recovered.IntervalSeconds, recovered.LastRunAt, recovered.LastCompletedAt);
        }
    }

    /// <summary>Counts one problem of a job's watcher.</summary>
    public void Record(Jobs.WatchProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        lock (_lock)
        {
            CountersOf(problem.JobId).WatchProblems++;
        }
    }

    /// <summary>Counts a run that ended because this node could not reach its job's SMB server.</summary>
    public void Record(ServerUnreachable unreachable)
    {
        ArgumentNullException.ThrowIfNull(unreachable);
        lock (_lock)
        {
            var servers = CountersOf(unreachable.JobId).UnreachableServers;
            servers[unreachable.Server] = servers.GetValueOrDefault(unreachable.Server) + 1;
        }
    }

    /// <summary>A consistent copy of every job's counters, ordered by job id.</summary>
    public IReadOnlyList<(string JobId, JobCounters Counters)> Snapshot()
    {
        lock (_lock)
        {
            return [.. _jobs.OrderBy(j => j.Key, StringComparer.Ordinal).Select(j => (j.Key, j.Value.Copy()))];
        }
    }

    private JobCounters CountersOf(string jobId)
    {
        if (!_jobs.TryGetValue(jobId, out var counters))
        {
            _jobs[jobId] = counters = new JobCounters();
        }
        return counters;
    }
}

/// <summary>One job's counters on this node.</summary>
public sealed class JobCounters
{
    /// <summary>Runs started (not counting runs resumed after a restart).</summary>
    public long RunsStarted { get; internal set; }

    /// <summary>Runs finished, by outcome (completed, failed, aborted, stopped).</summary>
    public Dictionary<string, long> RunsFinished { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>Runs that ended because this node could not reach the job's SMB server, by server (host:port).</summary>
    public Dictionary<string, long> UnreachableServers { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>Items recorded as synced.</summary>
    public long ItemsSynced { get; internal set; }

    /// <summary>Items recorded as failed.</summary>
    public long ItemsFailed { get; internal set; }

    /// <summary>Bytes transferred.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Total duration of the finished runs, in seconds.</summary>
    public double RunSeconds { get; internal set; }

    /// <summary>Times its watcher stopped, lost changes or was refused (each followed by a rescan).</summary>
    public long WatchProblems { get; internal set; }

    /// <summary>The job's schedule, null without one.</summary>
    public int? IntervalSeconds { get; internal set; }

    /// <summary>When its last run ended, whatever the outcome; null when not known here.</summary>
    public DateTimeOffset? LastRunAt { get; internal set; }

    /// <summary>When its last completed run (not a dry run) ended; null when not known here.</summary>
    public DateTimeOffset? LastCompletedAt { get; internal set; }

    internal JobCounters Copy() => new()
    {
        RunsStarted = RunsStarted,
        RunsFinished = new Dictionary<string, long>(RunsFinished, StringComparer.Ordinal),
        UnreachableServers = new Dictionary<string, long>(UnreachableServers, StringComparer.Ordinal),
        ItemsSynced = ItemsSynced,
        ItemsFailed = ItemsFailed,
        Bytes = Bytes,
        RunSeconds = RunSeconds,
        WatchProblems = WatchProblems,
        IntervalSeconds = IntervalSeconds,
        LastRunAt = LastRunAt,
        LastCompletedAt = LastCompletedAt,
    };
}
