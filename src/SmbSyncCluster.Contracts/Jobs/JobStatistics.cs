namespace SmbSyncCluster.Contracts;

/// <summary>Asks a job what its runs of the last <see cref="JobStatistics.WindowDays"/> days came to.</summary>
public sealed record GetJobStatistics(string JobId);

/// <summary>
/// What a job's runs (dry runs left out) came to over the last <see cref="WindowDays"/> UTC days, today included:
/// runs by outcome, the share that completed, their mean and 95th percentile durations (the latter rounded up to
/// within 10%), and the files copied (uploaded or downloaded) and bytes moved per day. <see cref="Node"/> hosts the job.
/// </summary>
public sealed record JobStatistics(
    string JobId, string? Node, RunOutcomeCounts Runs, double? SuccessRate, double? MeanSeconds, double? P95Seconds, IReadOnlyList<DayTotals> PerDay)
{
    /// <summary>How many days the statistics cover.</summary>
    public const int WindowDays = 30;
}

/// <summary>Runs by outcome.</summary>
public sealed record RunOutcomeCounts(int Completed, int Failed, int Aborted, int Stopped)
{
    /// <summary>Every run counted.</summary>
    public int Total => Completed + Failed + Aborted + Stopped;

    /// <summary>Both counts added.</summary>
    public static RunOutcomeCounts operator +(RunOutcomeCounts a, RunOutcomeCounts b) =>
        new(a.Completed + b.Completed, a.Failed + b.Failed, a.Aborted + b.Aborted, a.Stopped + b.Stopped);
}

/// <summary>One UTC day's runs, files copied and bytes moved.</summary>
public sealed record DayTotals(DateOnly Day, int Runs, long Files, long Bytes);

/// <summary>
/// Several jobs' statistics added up (a node's, the cluster's): runs by outcome, the share that completed, the mean
/// duration and the files and bytes per day. A percentile does not add up, so it stays with each job.
/// </summary>
public sealed record StatisticsTotals(string? Node, int Jobs, RunOutcomeCounts Runs, double? SuccessRate, double? MeanSeconds, IReadOnlyList<DayTotals> PerDay);

/// <summary>The statistics of the cluster's jobs: all of them, per node hosting them, and per job.</summary>
public sealed record ClusterStatistics(StatisticsTotals Total, IReadOnlyList<StatisticsTotals> Nodes, IReadOnlyList<JobStatistics> Jobs);
