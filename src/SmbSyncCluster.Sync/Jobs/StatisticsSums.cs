using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>Adds jobs' statistics up: for the cluster, and per node that hosts the jobs now.</summary>
public static class StatisticsSums
{
    /// <summary>The cluster's totals, each node's, and the jobs' own, ordered by job id.</summary>
    public static ClusterStatistics Of(IEnumerable<JobStatistics> jobs)
    {
        var list = jobs.OrderBy(j => j.JobId, StringComparer.Ordinal).ToList();
        return new ClusterStatistics(
            Sum(null, list),
            [.. list.GroupBy(j => j.Node ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(g.Key, [.. g]))],
            list);
    }

    private static StatisticsTotals Sum(string? node, List<JobStatistics> jobs)
    {
        var runs = jobs.Aggregate(new RunOutcomeCounts(0, 0, 0, 0), (sum, j) => sum + j.Runs);
        var perDay = jobs.SelectMany(j => j.PerDay).GroupBy(d => d.Day).OrderBy(g => g.Key)
            .Select(g => new DayTotals(g.Key, g.Sum(d => d.Runs), g.Sum(d => d.Files), g.Sum(d => d.Bytes))).ToList();
        if (runs.Total == 0)
        {
            return new StatisticsTotals(node, jobs.Count, runs, null, null, perDay);
        }
        // Each job's mean weighs as many runs as it made.
        var seconds = jobs.Sum(j => (j.MeanSeconds ?? 0) * j.Runs.Total);
        return new StatisticsTotals(node, jobs.Count, runs, (double)runs.Completed / runs.Total, seconds / runs.Total, perDay);
    }
}
