using System.Globalization;
using SmbSyncCluster.Cluster.Limits;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Http;
using SmbSyncCluster.Node.Reports;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>The tables of <c>jobs list</c>, <c>jobs history</c> and <c>jobs versions</c>: one row per job, run or version, columns as wide as their content.</summary>
internal static class JobsTables
{
    private const string None = "-";

    public static IReadOnlyList<string> Jobs(IReadOnlyList<JobResource> jobs) => Render(
        ["ID", "STATUS", "MODE", "LOCAL", "REMOTE", "NODE", "LAST RUN", "PROGRESS"],
        jobs.Select(j => new[]
        {
            j.Id,
            Status(j),
            j.Spec.Mode.WireName,
            j.Spec.LocalPath,
            j.Spec.Masked().Remote,
            HostOf(j.Node),
            j.LastRun is { } run ? $"{run.Outcome.WireName} {When(run.FinishedAt)}" : None,
            j.Status is JobStatus.Running or JobStatus.Paused && j.Progress is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p.Percent:0}%") : None,
        }));

    public static IReadOnlyList<string> Servers(ServerLimitView server) => Servers([server]);

    public static IReadOnlyList<string> Servers(IReadOnlyList<ServerLimitView> servers) => Render(
        ["SERVER", "LIMIT", "IN USE", "WAITING"],
        servers.Select(s => new[]
        {
            s.Server,
            string.Create(CultureInfo.InvariantCulture, $"{s.Limit}{(s.IsDefault ? " (default)" : "")}"),
            s.InUse.ToString(CultureInfo.InvariantCulture),
            s.Waiting.ToString(CultureInfo.InvariantCulture),
        }));

    public static IReadOnlyList<string> History(IReadOnlyList<RunReport> runs) => Render(
        ["RUN", "OUTCOME", "STARTED", "DURATION", "UPLOADED", "DOWNLOADED", "DELETED L/R", "CONFLICTS", "SKIPPED", "FAILED", "BYTES"],
        runs.Select(r => new[]
        {
            r.RunId,
            r.Outcome.WireName + (r.DryRun ? " (dry run)" : "") + (r.Runs is > 1 ? $" ({r.Runs} runs)" : ""),
            When(r.StartedAt),
            string.Create(CultureInfo.InvariantCulture, $"{r.DurationMs / 1000.0:0.0} s"),
            Count(r.Uploaded),
            Count(r.Downloaded),
            $"{Count(r.DeletedLocal)}/{Count(r.DeletedRemote)}",
            Count(r.Conflicts),
            Count(r.Skipped),
            Count(r.Failed),
            Sizes.Format(r.BytesTransferred),
        }));

    /// <summary>A job's statistics: its runs by outcome, rate and durations, then a row per day.</summary>
    public static IReadOnlyList<string> Statistics(JobStatistics job) =>
    [
        $"job {job.JobId}{(job.Node is null ? "" : $" on {HostOf(job.Node)}")}, last {JobStatistics.WindowDays} days: {Outcomes(job.Runs)}",
        $"success {Rate(job.SuccessRate)}, mean {Seconds(job.MeanSeconds)}, p95 {Seconds(job.P95Seconds)}",
        .. Days(job.PerDay),
    ];

    /// <summary>Every job's statistics: the cluster's, a row per node, a row per job, and the cluster's days.</summary>
    public static IReadOnlyList<string> Statistics(ClusterStatistics cluster) =>
    [
        $"{cluster.Total.Jobs} jobs, last {JobStatistics.WindowDays} days: {Outcomes(cluster.Total.Runs)}; success {Rate(cluster.Total.SuccessRate)}, mean {Seconds(cluster.Total.MeanSeconds)}",
        .. Render(
            ["NODE", "JOBS", "RUNS", "SUCCESS", "MEAN", "FILES", "BYTES"],
            cluster.Nodes.Select(n => new[] { HostOf(n.Node), Count(n.Jobs), Count(n.Runs.Total), Rate(n.SuccessRate), Seconds(n.MeanSeconds), Count(n.PerDay.Sum(d => d.Files)), Sizes.Format(n.PerDay.Sum(d => d.Bytes)) })),
        .. Render(
            ["JOB", "NODE", "RUNS", "SUCCESS", "MEAN", "P95", "FILES", "BYTES"],
            cluster.Jobs.Select(j => new[] { j.JobId, HostOf(j.Node), Count(j.Runs.Total), Rate(j.SuccessRate), Seconds(j.MeanSeconds), Seconds(j.P95Seconds), Count(j.PerDay.Sum(d => d.Files)), Sizes.Format(j.PerDay.Sum(d => d.Bytes)) })),
        .. Days(cluster.Total.PerDay),
    ];

    private static IReadOnlyList<string> Days(IReadOnlyList<DayTotals> days) => days.Count == 0 ? ["no runs in that time"] : Render(
        ["DAY", "RUNS", "FILES", "BYTES"],
        days.Select(d => new[] { d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Count(d.Runs), Count(d.Files), Sizes.Format(d.Bytes) }));

    private static string Outcomes(RunOutcomeCounts runs) =>
        $"{runs.Total} runs ({runs.Completed} completed, {runs.Failed} failed, {runs.Aborted} aborted, {runs.Stopped} stopped)";

    private static string Rate(double? rate) => rate is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r * 100:0.#}%") : None;

    private static string Seconds(double? seconds) => seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.0} s") : None;

    public static IReadOnlyList<string> Versions(IReadOnlyList<VersionResource> versions) => Render(
        ["SIDE", "VERSION", "KEPT", "SIZE", "MODIFIED"],
        versions.Select(v => new[] { v.Side, v.Name, When(v.KeptAt), Sizes.Format(v.Size), When(v.Modified) }));

    /// <summary>A time as people read it: local, to the second.</summary>
    public static string When(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// The job's status as the API names it, except that a job whose last run was stopped or aborted (which the API
    /// counts as failed, its status values being fixed for the clients and nodes that know no others) says which.
    /// </summary>
    public static string Status(JobResource job) =>
        job.Status == JobStatus.Failed && job.LastRun is { Outcome: RunOutcome.Stopped or RunOutcome.Aborted } last
            ? last.Outcome.WireName
            : job.Status.WireName;

    /// <summary>
    /// "127.0.0.1:4053" for "akka.tcp://smbsync@127.0.0.1:4053": every node of a cluster shares the rest,
    /// so it only widens the table.
    /// </summary>
    private static string HostOf(string? node) => node is null ? None : node[(node.LastIndexOf('@') + 1)..];

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The header and rows, each column padded to its widest cell, two spaces between columns.</summary>
    private static IReadOnlyList<string> Render(string[] header, IEnumerable<string[]> rows)
    {
        string[][] lines = [header, .. rows];
        var widths = header.Select((_, column) => lines.Max(line => line[column].Length)).ToArray();
        return [.. lines.Select(line => string.Join("  ", line.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd())];
    }
}
