using System.Text;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Sync.Tests.Jobs;

/// <summary>A job's runs per day and the statistics read from them.</summary>
public sealed class RunDaysTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static RunSummary Run(DateTimeOffset finishedAt, double seconds, RunOutcome outcome = RunOutcome.Completed, int uploaded = 0, long bytes = 0, bool dryRun = false) => new()
    {
        RunId = $"r-{finishedAt:yyyyMMddHHmmss}-{seconds}",
        Mode = SyncMode.Upload,
        StartedAt = finishedAt.AddSeconds(-seconds),
        FinishedAt = finishedAt,
        Outcome = outcome,
        Uploaded = uploaded,
        Downloaded = uploaded / 2,
        BytesTransferred = bytes,
        DryRun = dryRun,
    };

    [Fact]
    public void Runs_are_counted_by_outcome_and_day_and_dry_runs_are_left_out()
    {
        var days = RunDays.Of([
            Run(Noon.AddDays(-1), 10, uploaded: 4, bytes: 400),
            Run(Noon, 20, RunOutcome.Failed, uploaded: 2, bytes: 50),
            Run(Noon.AddMinutes(1), 30, RunOutcome.Aborted),
            Run(Noon.AddMinutes(2), 40, RunOutcome.Stopped),
            Run(Noon.AddMinutes(3), 1000, uploaded: 100, bytes: 1_000_000, dryRun: true),
        ]);

        var stats = days.Statistics("docs", "node-a", Noon.AddHours(1));

        Assert.Equal(new RunOutcomeCounts(1, 1, 1, 1), stats.Runs);
        Assert.Equal(0.25, stats.SuccessRate);
        Assert.Equal(25, stats.MeanSeconds);
        Assert.Equal([new DayTotals(new DateOnly(2026, 12, 6), 1, 6, 400), new DayTotals(new DateOnly(2026, 12, 7), 3, 3, 50)], stats.PerDay);
    }

    [Fact]
    public void The_95th_percentile_is_the_slow_tail_rounded_up_by_at_most_a_tenth()
    {
        // 95 runs of 1 s and 5 of 100 s: the 95th is 1 s, the 96th 100 s.
        var days = RunDays.Of([
            .. Enumerable.Range(0, 95).Select(i => Run(Noon.AddSeconds(-i), 1)),
            .. Enumerable.Range(0, 5).Select(i => Run(Noon.AddMinutes(-10 - i), 100)),
        ]);
        var slow = RunDays.Of(Enumerable.Range(0, 10).Select(i => Run(Noon.AddSeconds(-i), i < 9 ? 1 : 100)));

        Assert.InRange(days.Statistics("docs", null, Noon).P95Seconds!.Value, 1, 1.1);
        Assert.InRange(slow.Statistics("docs", null, Noon).P95Seconds!.Value, 100, 110);
    }

    [Fact]
    public void Only_thirty_days_are_kept_and_shown()
    {
        var days = RunDays.Of(Enumerable.Range(0, 40).Select(i => Run(Noon.AddDays(-39 + i), 1, uploaded: 1)));

        Assert.Equal(JobStatistics.WindowDays, days.Days.Count);
        Assert.Equal(new DateOnly(2026, 11, 8), days.Days.First().Day);
        // Ten days later, only the last twenty of them are within the window.
        var later = days.Statistics("docs", null, Noon.AddDays(10));
        Assert.Equal((20, new DateOnly(2026, 11, 18)), (later.Runs.Total, later.PerDay[0].Day));
    }

    [Fact]
    public void A_job_without_runs_has_no_rates_or_durations()
    {
        var stats = new RunDays().Statistics("docs", null, Noon);

        Assert.Equal((0, null, null, null), (stats.Runs.Total, stats.SuccessRate, stats.MeanSeconds, stats.P95Seconds));
        Assert.Empty(stats.PerDay);
    }

    [Fact]
    public void The_job_state_adds_finished_runs_to_their_day_beyond_the_capped_history()
    {
        var state = new JobState();
        state.Apply(new JobDefined("docs", SampleEvents.Spec, Noon.AddDays(-1)));
        for (var i = 0; i < JobState.HistoryLength + 10; i++)
        {
            state.Apply(new RunFinished("docs", Run(Noon.AddMinutes(-i), 2)));
        }

        Assert.Equal(JobState.HistoryLength, state.History.Count);
        Assert.Equal(JobState.HistoryLength + 10, state.Days.Statistics("docs", null, Noon).Runs.Completed);
    }

    [Fact]
    public void Days_round_trip_through_a_snapshot_in_the_stored_shape()
    {
        var state = new JobState();
        state.Apply(new JobDefined("docs", SampleEvents.Spec, Noon.AddDays(-1)));
        state.Apply(new RunFinished("docs", Run(Noon, 3, uploaded: 2, bytes: 20)));
        state.Apply(new RunFinished("docs", Run(Noon.AddMinutes(1), 5, RunOutcome.Failed)));

        var bytes = JobSnapshotCodec.Encode(state);
        var header = Encoding.UTF8.GetString(bytes, 5, BitConverter.ToInt32(bytes, 1));
        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Jobs", "Golden", "JobSnapshot.v1.days.json")).Trim();

        Assert.Contains("\"days\":" + golden + "}", header, StringComparison.Ordinal);
        var loaded = JobSnapshotCodec.Decode(bytes).Days.Statistics("docs", null, Noon);
        Assert.Equal(state.Days.Statistics("docs", null, Noon) with { PerDay = [] }, loaded with { PerDay = [] });
        Assert.Equal(state.Days.Statistics("docs", null, Noon).PerDay, loaded.PerDay);
    }

    [Fact]
    public void A_snapshot_from_before_the_days_rebuilds_them_from_its_history()
    {
        var state = new JobState();
        state.Apply(new JobDefined("docs", SampleEvents.Spec, Noon.AddDays(-1)));
        state.Apply(new RunFinished("docs", Run(Noon, 3, uploaded: 2, bytes: 20)));
        var bytes = JobSnapshotCodec.Encode(state);
        var header = Encoding.UTF8.GetString(bytes, 5, BitConverter.ToInt32(bytes, 1));
        var withoutDays = header[..header.IndexOf(",\"days\":", StringComparison.Ordinal)] + "}";
        var old = new MemoryStream();
        using (var w = new BinaryWriter(old))
        {
            var json = Encoding.UTF8.GetBytes(withoutDays);
            w.Write((byte)1);
            w.Write(json.Length);
            w.Write(json);
            w.Write(0);
        }

        var stats = JobSnapshotCodec.Decode(old.ToArray()).Days.Statistics("docs", null, Noon);

        Assert.Equal((1, 3L, 20L), (stats.Runs.Completed, stats.PerDay.Single().Files, stats.PerDay.Single().Bytes));
    }
}

/// <summary>Jobs' statistics added up per node and for the cluster.</summary>
public sealed class StatisticsSumsTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Fact]
    public void Runs_files_and_means_add_up_per_node_and_for_the_cluster()
    {
        var a = new JobStatistics("a", "node-1", new RunOutcomeCounts(3, 1, 0, 0), 0.75, 10, 12, [new DayTotals(Today, 4, 10, 100)]);
        var b = new JobStatistics("b", "node-2", new RunOutcomeCounts(1, 0, 0, 0), 1, 50, 55, [new DayTotals(Today.AddDays(-1), 1, 1, 1), new DayTotals(Today, 0, 0, 0)]);
        var idle = new JobStatistics("c", "node-1", new RunOutcomeCounts(0, 0, 0, 0), null, null, null, []);

        var sums = StatisticsSums.Of([b, idle, a]);

        Assert.Equal(["a", "b", "c"], sums.Jobs.Select(j => j.JobId));
        Assert.Equal((3, new RunOutcomeCounts(4, 1, 0, 0), 0.8, 18.0), (sums.Total.Jobs, sums.Total.Runs, sums.Total.SuccessRate, sums.Total.MeanSeconds));
        Assert.Equal([new DayTotals(Today.AddDays(-1), 1, 1, 1), new DayTotals(Today, 4, 10, 100)], sums.Total.PerDay);
        Assert.Equal([("node-1", 2, 4, 0.75), ("node-2", 1, 1, 1.0)], sums.Nodes.Select(n => (n.Node!, n.Jobs, n.Runs.Total, n.SuccessRate!.Value)));
    }
}
