using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// A job's runs per UTC day over the last <see cref="JobStatistics.WindowDays"/> days, added to as runs finish
/// (dry runs left out: they move nothing). The run history keeps the last 50 runs only, so the statistics
/// come from these days, which snapshots keep and which <see cref="Events.RunFinished"/> events rebuild.
/// </summary>
public sealed class RunDays
{
    // Duration buckets grow by 10%: a 95th percentile read from them is at most 10% above the true one.
    private const double Growth = 1.1;

    private readonly SortedDictionary<DateOnly, RunDay> _days = [];

    /// <summary>The days kept, oldest first.</summary>
    public IReadOnlyCollection<RunDay> Days => _days.Values;

    /// <summary>Days as a snapshot stored them.</summary>
    public static RunDays From(IEnumerable<RunDay> days)
    {
        var result = new RunDays();
        foreach (var day in days)
        {
            result._days[day.Day] = day;
        }
        return result;
    }

    /// <summary>Days rebuilt from finished runs, e.g. the history of a snapshot that predates them.</summary>
    public static RunDays Of(IEnumerable<RunSummary> runs)
    {
        var result = new RunDays();
        foreach (var run in runs)
        {
            result.Add(run);
        }
        return result;
    }

    /// <summary>The duration bucket of <paramref name="milliseconds"/>.</summary>
    public static int Bucket(long milliseconds) => milliseconds <= 1 ? 0 : (int)Math.Ceiling(Math.Log(milliseconds) / Math.Log(Growth));

    /// <summary>Adds a finished run to its day, and forgets the days that fell out of the window.</summary>
    public void Add(RunSummary run)
    {
        if (run.DryRun)
        {
            return;
        }
        var day = DateOnly.FromDateTime(run.FinishedAt.UtcDateTime);
        var known = _days.GetValueOrDefault(day) ?? new RunDay { Day = day };
        var milliseconds = Math.Max(0, (long)(run.FinishedAt - run.StartedAt).TotalMilliseconds);
        var durations = new Dictionary<int, int>(known.Durations);
        durations[Bucket(milliseconds)] = durations.GetValueOrDefault(Bucket(milliseconds)) + 1;
        _days[day] = known with
        {
            Runs = known.Runs + Count(run.Outcome),
            Files = known.Files + run.Uploaded + run.Downloaded,
            Bytes = known.Bytes + run.BytesTransferred,
            DurationMs = known.DurationMs + milliseconds,
            Durations = durations,
        };
        foreach (var old in _days.Keys.Where(d => d <= _days.Keys.Max().AddDays(-JobStatistics.WindowDays)).ToList())
        {
            _days.Remove(old);
        }
    }

    /// <summary>The statistics of the <see cref="JobStatistics.WindowDays"/> days up to <paramref name="now"/>'s.</summary>
    public JobStatistics Statistics(string jobId, string? node, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var days = _days.Values.Where(d => d.Day > today.AddDays(-JobStatistics.WindowDays) && d.Day <= today).ToList();
        var runs = days.Aggregate(new RunOutcomeCounts(0, 0, 0, 0), (sum, d) => sum + d.Runs);
        var perDay = days.Select(d => new DayTotals(d.Day, d.Runs.Total, d.Files, d.Bytes)).ToList();
        if (runs.Total == 0)
        {
            return new JobStatistics(jobId, node, runs, null, null, null, perDay);
        }
        var mean = days.Sum(d => d.DurationMs) / 1000.0 / runs.Total;
        return new JobStatistics(jobId, node, runs, (double)runs.Completed / runs.Total, mean, Percentile(days, runs.Total, 0.95), perDay);
    }

    /// <summary>The upper bound, in seconds, of the bucket that holds the run at <paramref name="rank"/> of the durations.</summary>
    private static double Percentile(List<RunDay> days, int total, double rank)
    {
        var needed = (int)Math.Ceiling(rank * total);
        var seen = 0;
        foreach (var (bucket, runs) in days.SelectMany(d => d.Durations).GroupBy(p => p.Key, p => p.Value).Select(g => (g.Key, g.Sum())).OrderBy(p => p.Key))
        {
            seen += runs;
            if (seen >= needed)
            {
                return bucket == 0 ? 0.001 : Math.Pow(Growth, bucket) / 1000;
            }
        }
        throw new InvalidOperationException("the duration histogram holds fewer runs than the outcomes");
    }

    private static RunOutcomeCounts Count(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Completed => new(1, 0, 0, 0),
        RunOutcome.Failed => new(0, 1, 0, 0),
        RunOutcome.Aborted => new(0, 0, 1, 0),
        _ => new(0, 0, 0, 1),
    };
}
