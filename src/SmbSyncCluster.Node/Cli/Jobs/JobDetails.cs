using System.Globalization;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Http;
using SmbSyncCluster.Sync.Versions;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>One job as <c>jobs show</c> (and create, update) prints it: its spec, where and how it runs, its last run.</summary>
internal static class JobDetails
{
    private const int LabelWidth = 12;

    public static IReadOnlyList<string> Lines(JobResource job)
    {
        var spec = job.Spec.Masked();
        var lines = new List<string>();
        void Add(string label, string value) => lines.Add((label + ":").PadRight(LabelWidth) + value);
        void More(string value) => lines.Add(new string(' ', LabelWidth) + value);

        Add("id", job.Id);
        Add("status", JobsTables.Status(job) + (job.RunId is { } runId ? $", run {runId}" : ""));
        Add("node", job.Node ?? "-");
        Add("local", spec.LocalPath);
        Add("remote", spec.Remote);
        Add("mode", spec.Mode.WireName);
        Add("conflict", spec.Conflict.WireName);
        Add("workers", spec.Workers.ToString(CultureInfo.InvariantCulture));
        if (spec.BandwidthLimit is { } limit)
        {
            Add("bandwidth", limit + " (with the node's --bwlimit, if any)");
        }
        Add("exclude", spec.Exclude.Count > 0 ? string.Join(", ", spec.Exclude) : "-");
        Add("include", spec.Include.Count > 0 ? string.Join(", ", spec.Include) : "everything");
        Add("schedule", spec.IntervalSeconds is { } interval
            ? string.Create(CultureInfo.InvariantCulture, $"every {interval} s{(job.NextRunAt is { } next ? $", next at {next.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : "")}")
            : "none");
        Add("credential", spec.Credential ?? "the node's default");
        Add("compare", spec.Checksum ? "size, time and content (checksum)" : "size and time");
        Add("watch", spec.Watch ? "yes: changes on either side are synced as they happen" : "no");
        Add("names", spec.EncodeNames ?? JobDefaults.EncodeNames
            ? "those SMB cannot hold stored under look-alikes (as rclone)"
            : "those SMB cannot hold skipped");
        Add("versions", spec.KeepVersionsDays > 0
            ? string.Create(CultureInfo.InvariantCulture, $"kept {spec.KeepVersionsDays} days in {VersionNames.Area}")
            : "none kept");
        Add("tracked", string.Create(CultureInfo.InvariantCulture, $"{job.TrackedPaths:N0} paths"));
        if (job.RunId is not null && job.Progress is { } progress)
        {
            Add("progress", ProgressView.Line(progress, paused: job.Status == JobStatus.Paused));
        }
        if (job.LastRun is not { } run)
        {
            Add("last run", "none");
            return lines;
        }
        Add("last run", $"{run.RunId}, {run.Outcome.WireName} {JobsTables.When(run.FinishedAt)}");
        More(SummaryOutput.Counts(run.ToSummary()));
        if (run.Reason is { } reason)
        {
            More("reason: " + reason);
        }
        foreach (var step in SummaryOutput.PlanLines(run.ToSummary()))
        {
            More(step);
        }
        if (RefusedWrites.ReadOnlyShare(run.ToSummary(), spec.Remote) is { } readOnly)
        {
            More(readOnly);
            return lines;
        }
        foreach (var error in run.Errors)
        {
            More(SummaryOutput.Failure(error));
        }
        if (run.Failed > run.Errors.Count)
        {
            More($"failed: {run.Failed - run.Errors.Count} more not listed");
        }
        return lines;
    }
}
