using System.Globalization;
using System.Text;
using Akka.Cluster;
using SmbSyncCluster.Cluster.Metrics;

namespace SmbSyncCluster.Node.Http;

/// <summary><c>GET /metrics</c> in the Prometheus text format (version 0.0.4): this node's job counters and its view of the cluster.</summary>
internal static class MetricsText
{
    /// <summary>The content type Prometheus expects.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Renders the metrics. Job ids and outcomes are [A-Za-z0-9._-] and servers host names, addresses and ports, so labels need no escaping.</summary>
    public static string Render(JobMetrics metrics, Akka.Cluster.Cluster cluster)
    {
        var jobs = metrics.Snapshot();
        var text = new StringBuilder();
        void Family(string name, string type, string help, IEnumerable<(string Labels, double Value)> samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
            foreach (var (labels, value) in samples)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{labels} {value}\n");
            }
        }

        Family("smbsync_runs_started_total", "counter", "Runs started by jobs while hosted on this node.",
            jobs.Select(j => ($"{{job=\"{j.JobId}\"}}", (double)j.Counters.RunsStarted)));
        Family("smbsync_runs_finished_total", "counter", "Runs finished on this node, by outcome (completed, failed, aborted, stopped).",
            jobs.SelectMany(j => j.Counters.RunsFinished.OrderBy(o => o.Key, StringComparer.Ordinal)
                .Select(o => ($"{{job=\"{j.JobId}\",outcome=\"{o.Key}\"}}", (double)o.Value))));
        Family("smbsync_runs_server_unreachable_total", "counter", "Runs that ended because this node could not reach the job's SMB server, by server.",
            jobs.SelectMany(j => j.Counters.UnreachableServers.OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => ($"{{job=\"{j.JobId}\",server=\"{s.Key}\"}}", (double)s.Value))));
        Family("smbsync_run_duration_seconds_sum", "counter", "Total duration of the runs finished on this node.",
            jobs.Select(j => ($"{{job=\"{j.JobId}\"}}", j.Counters.RunSeconds)));
        Family("smbsync_items_synced_total", "counter", "Items (copies, deletions, directories) recorded as synced.",
            jobs.Select(j => ($"{{job=\"{j.JobId}\"}}", (double)j.Counters.ItemsSynced)));
        Family("smbsync_items_failed_total", "counter", "Items recorded as failed after their retries.",
            jobs.Select(j => ($"{{job=\"{j.JobId}\"}}", (double)j.Counters.ItemsFailed)));
        Family("smbsync_bytes_transferred_total", "counter", "Bytes copied by the runs.",
            jobs.Select(j => ($"{{job=\"{j.JobId}\"}}", (double)j.Counters.Bytes)));
        Family("smbsync_job_watch_problems_total", "counter", "Times a watched job's watcher stopped or lost changes (each followed by a full rescan).",
            jobs.Select(j => ($"{{job=\"{j.JobId}\"}}", (double)j.Counters.WatchProblems)));
        Family("smbsync_job_last_run_timestamp_seconds", "gauge", "When the job's last run ended (Unix time), whatever its outcome.",
            jobs.Where(j => j.Counters.LastRunAt is not null).Select(j => ($"{{job=\"{j.JobId}\"}}", (double)j.Counters.LastRunAt!.Value.ToUnixTimeSeconds())));
        Family("smbsync_job_last_success_timestamp_seconds", "gauge", "When the job's last completed run (not a dry run) ended (Unix time).",
            jobs.Where(j => j.Counters.LastCompletedAt is not null).Select(j => ($"{{job=\"{j.JobId}\"}}", (double)j.Counters.LastCompletedAt!.Value.ToUnixTimeSeconds())));
        Family("smbsync_job_interval_seconds", "gauge", "The job's schedule; 0 when it runs only when asked.",
            jobs.Select(j => ($"{{job=\"{j.JobId}\"}}", (double)(j.Counters.IntervalSeconds ?? 0))));
        var state = cluster.State;
        Family("smbsync_cluster_members", "gauge", "Cluster members this node sees, by status.",
            state.Members.GroupBy(m => m.Status).OrderBy(g => g.Key)
                .Select(g => ($"{{status=\"{g.Key.ToString().ToLowerInvariant()}\"}}", (double)g.Count())));
        Family("smbsync_cluster_unreachable_members", "gauge", "Members this node cannot reach.", [("", state.Unreachable.Count)]);
        Family("smbsync_node_up", "gauge", "1 once this node is an Up member of the cluster.",
            [("", cluster.SelfMember.Status == MemberStatus.Up ? 1 : 0)]);
        return text.ToString();
    }
}
