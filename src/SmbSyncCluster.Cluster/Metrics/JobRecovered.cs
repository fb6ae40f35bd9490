namespace SmbSyncCluster.Cluster.Metrics;

/// <summary>
/// Published by a job once it recovered on a node: what its journal knows of its runs, so the node's
/// gauges cover a job that has not run since it came here (after a restart or a hand-over).
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="IntervalSeconds">Its schedule, null without one.</param>
/// <param name="LastRunAt">When its last run ended, whatever the outcome.</param>
/// <param name="LastCompletedAt">When its last completed run (not a dry run) ended.</param>
public sealed record JobRecovered(string JobId, int? IntervalSeconds, DateTimeOffset? LastRunAt, DateTimeOffset? LastCompletedAt);
