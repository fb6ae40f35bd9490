using System.Globalization;
using SmbSyncCluster.Node.Cli.Jobs;
using SmbSyncCluster.Node.Reports;

namespace SmbSyncCluster.Node.Tests.Jobs;

public sealed class JobsTablesTests
{
    private static readonly string Finished = ApiSamples.Started.AddSeconds(2.5).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    private static readonly string StartedAt = ApiSamples.Started.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    [Fact]
    public void The_jobs_table_fits_each_column_to_its_content()
    {
        var jobs = new[]
        {
            ApiSamples.Resource(ApiSamples.Job("docs", "running", "r2", ApiSamples.Progress())),
            ApiSamples.Resource(ApiSamples.Job("photos-archive", "completed", lastRun: ApiSamples.Run("r1"))),
        };

        var lines = JobsTables.Jobs(jobs);

        Assert.Equal(
            [
                "ID              STATUS     MODE    LOCAL                 REMOTE                               NODE            LAST RUN                       PROGRESS",
                "docs            running    mirror  /data/docs            smb://alice@nas/team/docs            127.0.0.1:4053  -                              50%",
                $"photos-archive  completed  mirror  /data/photos-archive  smb://alice@nas/team/photos-archive  127.0.0.1:4053  completed {Finished}  -",
            ],
            lines);
    }

    [Fact]
    public void The_history_table_has_a_row_per_run()
    {
        var runs = new[] { ApiSamples.Run("r1", dryRun: true), ApiSamples.Run("r2", "failed", failed: 1) }
            .Select(json => System.Text.Json.JsonSerializer.Deserialize<RunReport>(json, NodeJson.Options)!).ToList();

        var lines = JobsTables.History(runs);

        Assert.Equal(
            [
                "RUN  OUTCOME              STARTED              DURATION  UPLOADED  DOWNLOADED  DELETED L/R  CONFLICTS  SKIPPED  FAILED  BYTES",
                $"r1   completed (dry run)  {StartedAt}  2.5 s     2         1           0/3          1          0        0       2.0 KiB",
                $"r2   failed               {StartedAt}  2.5 s     2         1           0/3          1          0        1       2.0 KiB",
            ],
            lines);
    }

    [Fact]
    public void The_details_of_a_job_show_its_spec_its_progress_and_its_last_run_with_errors()
    {
        var job = ApiSamples.Resource(ApiSamples.Job("docs", "running", "r2", ApiSamples.Progress(), ApiSamples.Run("r1", "failed", failed: 1)));

        var lines = JobDetails.Lines(job);

        Assert.Equal(
            [
                "id:         docs",
                "status:     running, run r2",
                "node:       akka.tcp://smbsync@127.0.0.1:4053",
                "local:      /data/docs",
                "remote:     smb://alice@nas/team/docs",
                "mode:       mirror",
                "conflict:   keep-both",
                "workers:    8",
                "exclude:    *.tmp, cache",
                "include:    everything",
                "schedule:   none",
                "credential: the node's default",
                "compare:    size and time",
                "watch:      no",
                "names:      those SMB cannot hold stored under look-alikes (as rclone)",
                "versions:   kept 30 days in .smbsync-versions",
                "tracked:    1,234 paths",
                "progress:   [############............]  50% 1/4 items 512 B/1.0 KiB 2.0 KiB/s ETA 0:06 docs/a.txt",
                $"last run:   r1, failed {Finished}",
                "            failed (mirror): 2 uploaded, 1 downloaded, 0 deleted locally, 3 deleted remotely, 1 conflicts, 0 skipped, 1 failed, 2.0 KiB in 2.5 s",
                "            failed: locked.txt (upload, item): access denied",
            ],
            lines);
    }

    [Theory]
    [InlineData("stopped", "stopped")]
    [InlineData("aborted", "aborted")]
    [InlineData("failed", "failed")]
    public void A_job_whose_last_run_was_stopped_or_aborted_is_not_listed_as_failed(string outcome, string shown)
    {
        var job = ApiSamples.Resource(ApiSamples.Job("docs", "failed", lastRun: ApiSamples.Run("r1", outcome, reason: outcome == "failed" ? null : "why")));

        Assert.Equal($"docs  {shown}", string.Join("  ", JobsTables.Jobs([job])[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2]));
        Assert.Equal($"status:     {shown}", JobDetails.Lines(job)[1]);
    }

    [Fact]
    public void A_paused_run_shows_paused_without_the_rate_and_eta_it_had()
    {
        var job = ApiSamples.Resource(ApiSamples.Job("docs", "paused", "r2", ApiSamples.Progress()));

        Assert.Equal("status:     paused, run r2", JobDetails.Lines(job)[1]);
        Assert.Contains("progress:   paused [############............]  50% 1/4 items 512 B/1.0 KiB", JobDetails.Lines(job));
    }

    [Fact]
    public void A_job_never_run_says_so()
    {
        Assert.Equal("last run:   none", JobDetails.Lines(ApiSamples.Resource(ApiSamples.Job())).Last());
    }

    [Fact]
    public void The_details_of_a_job_whose_last_run_was_a_dry_run_list_its_plan()
    {
        var run = ApiSamples.Run("r1", dryRun: true).TrimEnd('}') + ""","plan":[{"path":"a.txt","action":"upload"},{"path":"b","action":"rename-remote","target":"c"}],"planned":3}""";
        var job = ApiSamples.Resource(ApiSamples.Job(lastRun: run));

        var lines = JobDetails.Lines(job);

        Assert.Equal(["            upload a.txt", "            rename-remote b -> c", "            ... 1 more not listed"],
            lines.SkipWhile(l => !l.StartsWith("last run:", StringComparison.Ordinal)).Skip(2).Take(3));
    }
}
