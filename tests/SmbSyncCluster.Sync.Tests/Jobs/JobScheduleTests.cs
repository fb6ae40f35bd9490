using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Tests.Jobs;

public sealed class JobScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly JobSpec Hourly = SampleEvents.Spec with { IntervalSeconds = 3600 };

    private static JobState Job(params IJobEvent[] events)
    {
        var state = new JobState();
        foreach (var e in events)
        {
            state.Apply(e);
        }
        return state;
    }

    private static RunStarted Started(string runId, DateTimeOffset at) => new("docs", runId, at, DryRun: false);

    private static RunFinished Finished(string runId, DateTimeOffset at) => new("docs", new RunSummary
    {
        RunId = runId, Mode = SyncMode.Upload, StartedAt = at.AddMinutes(-1), FinishedAt = at, Outcome = RunOutcome.Completed,
    });

    [Fact]
    public void A_job_without_an_interval_has_no_scheduled_run() =>
        Assert.Null(JobSchedule.NextRun(Job(new JobDefined("docs", Hourly with { IntervalSeconds = null }, T0)), T0, Second));

    [Fact]
    public void A_job_that_never_ran_runs_an_interval_after_its_definition() =>
        Assert.Equal(T0.AddHours(1), JobSchedule.NextRun(Job(new JobDefined("docs", Hourly, T0)), T0.AddMinutes(5), Second));

    [Fact]
    public void A_job_runs_an_interval_after_its_last_run_ended()
    {
        var state = Job(new JobDefined("docs", Hourly, T0), Started("r1", T0.AddMinutes(10)), Finished("r1", T0.AddMinutes(30)));

        Assert.Equal(T0.AddMinutes(90), JobSchedule.NextRun(state, T0.AddMinutes(31), Second));
    }

    [Fact]
    public void A_dry_run_does_not_push_the_next_real_run_back()
    {
        var state = Job(
            new JobDefined("docs", Hourly, T0), Started("r1", T0.AddMinutes(10)), Finished("r1", T0.AddMinutes(30)),
            new RunStarted("docs", "preview", T0.AddMinutes(50), DryRun: true),
            new RunFinished("docs", new RunSummary { RunId = "preview", Mode = SyncMode.Upload, DryRun = true, StartedAt = T0.AddMinutes(50), FinishedAt = T0.AddMinutes(51), Outcome = RunOutcome.Completed }));

        Assert.Equal(T0.AddMinutes(90), JobSchedule.NextRun(state, T0.AddMinutes(52), Second));
    }

    [Fact]
    public void An_overdue_run_is_due_now()
    {
        var state = Job(new JobDefined("docs", Hourly, T0), Started("r1", T0), Finished("r1", T0.AddMinutes(1)));

        Assert.Equal(T0.AddDays(1), JobSchedule.NextRun(state, T0.AddDays(1), Second));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void No_run_is_scheduled_while_one_is_in_progress_even_paused(bool paused)
    {
        var state = Job(new JobDefined("docs", Hourly, T0), Started("r1", T0.AddHours(2)));
        if (paused)
        {
            state.Apply(new RunControlled("docs", "r1", RunControl.Pause, T0.AddHours(2)));
        }

        Assert.Null(JobSchedule.NextRun(state, T0.AddHours(5), Second));
    }

    [Fact]
    public void A_deleted_job_has_no_scheduled_run() =>
        Assert.Null(JobSchedule.NextRun(Job(new JobDefined("docs", Hourly, T0), new JobDeleted("docs")), T0, Second));

    [Fact]
    public void A_new_worker_count_or_interval_keeps_the_time_the_schedule_counts_from()
    {
        var state = Job(new JobDefined("docs", Hourly, T0), new JobDefined("docs", Hourly with { Workers = 16, IntervalSeconds = 600 }, T0.AddMinutes(5)));

        Assert.Equal(T0.AddMinutes(10), JobSchedule.NextRun(state, T0.AddMinutes(6), Second));
    }

    [Fact]
    public void A_schedule_set_after_the_last_run_counts_from_when_it_was_set()
    {
        var state = Job(
            new JobDefined("docs", Hourly with { IntervalSeconds = null }, T0), Started("r1", T0), Finished("r1", T0.AddMinutes(1)),
            new JobDefined("docs", Hourly, T0.AddDays(1)));

        Assert.Equal(T0.AddDays(1).AddHours(1), JobSchedule.NextRun(state, T0.AddDays(1), Second));
    }

    [Fact]
    public void A_schedule_removed_and_set_again_counts_from_the_new_definition()
    {
        var state = Job(
            new JobDefined("docs", Hourly, T0), new JobDefined("docs", Hourly with { IntervalSeconds = null }, T0.AddMinutes(1)),
            new JobDefined("docs", Hourly, T0.AddMinutes(2)));

        Assert.Equal(T0.AddMinutes(62), JobSchedule.NextRun(state, T0.AddMinutes(3), Second));
    }

    [Fact]
    public void A_definition_from_before_definition_times_is_due_at_once_until_the_job_has_run()
    {
        var undated = Job(new JobDefined("docs", Hourly));
        var ranSince = Job(new JobDefined("docs", Hourly), Started("r1", T0), Finished("r1", T0.AddMinutes(1)));

        Assert.Equal(T0, JobSchedule.NextRun(undated, T0, Second));
        Assert.Equal(T0.AddMinutes(61), JobSchedule.NextRun(ranSince, T0.AddMinutes(2), Second));
    }

    [Fact]
    public void A_scaled_second_scales_the_interval() =>
        Assert.Equal(T0.AddMilliseconds(100), JobSchedule.NextRun(Job(new JobDefined("docs", Hourly with { IntervalSeconds = 10 }, T0)), T0, TimeSpan.FromMilliseconds(10)));
}
