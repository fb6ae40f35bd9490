using System.Text;
using System.Text.Json.Nodes;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Tests.Jobs;

public sealed class JobStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly JobSpec Spec = SampleEvents.Spec;

    /// <summary>The definition as a client of a later version could send it, with a mode this version does not know.</summary>
    private static DefineJob FromLaterClient(DefineJob define, string mode)
    {
        var json = JsonNode.Parse(ContractMessages.Codec.Encode(define))!;
        json["spec"]!["mode"] = mode;
        return (DefineJob)ContractMessages.Codec.Decode(Encoding.UTF8.GetBytes(json.ToJsonString()), ContractMessages.Codec.ManifestOf(define));
    }

    private static JobDecision Do(JobState state, JobCommand command)
    {
        var decision = state.Decide(command, Now);
        foreach (var e in decision.Events)
        {
            state.Apply(e);
        }
        return decision;
    }

    [Fact]
    public void A_run_goes_from_idle_to_running_paused_and_completed()
    {
        var state = new JobState();
        Do(state, new DefineJob(Spec));
        Assert.Equal(JobStatus.Idle, state.Status);

        Do(state, new StartRun("docs", "r1", Now, DryRun: false));
        state.Apply(new ItemsSynced("docs", "r1", [new BaseChange("a.txt", EntryState.OfFile(3, 42))], 3));
        Assert.Equal(JobStatus.Running, state.Status);
        Do(state, new ControlRun("docs", RunControl.Pause, Now));
        Assert.Equal(JobStatus.Paused, state.Status);
        Do(state, new ControlRun("docs", RunControl.Resume, Now));
        state.Apply(new RunFinished("docs", new RunSummary { RunId = "r1", Mode = SyncMode.Mirror, StartedAt = Now, FinishedAt = Now, Outcome = RunOutcome.Completed, Uploaded = 1 }));

        Assert.Equal(JobStatus.Completed, state.Status);
        Assert.True(state.Base.TryGet("a.txt", out var synced));
        Assert.Equal(3, synced.Size);
        Assert.Null(state.Run);
    }

    /// <summary>One watched run (started by the watchers) that uploaded <paramref name="uploaded"/> files, or failed one.</summary>
    private static void WatchedRun(JobState state, string runId, DateTimeOffset at, int uploaded = 1, bool fails = false, bool watched = true)
    {
        var started = (RunStarted)state.Decide(new StartRun("docs", runId, at, DryRun: false), at).Events.Single();
        state.Apply(started with { Watched = watched });
        state.Apply(new RunFinished("docs", new RunSummary
        {
            RunId = runId, Mode = SyncMode.Mirror, StartedAt = at, FinishedAt = at.AddSeconds(2), Uploaded = uploaded, BytesTransferred = 10L * uploaded,
            Outcome = fails ? RunOutcome.Failed : RunOutcome.Completed, Failed = fails ? 1 : 0,
        }));
    }

    [Fact]
    public void A_watched_jobs_runs_within_an_hour_are_one_history_entry_and_a_failure_stays_its_own()
    {
        var state = new JobState();
        Do(state, new DefineJob(Spec with { Watch = true }));
        WatchedRun(state, "w1", Now);
        WatchedRun(state, "w2", Now.AddMinutes(10), uploaded: 2);
        WatchedRun(state, "w3", Now.AddMinutes(20), uploaded: 3);
        WatchedRun(state, "w4", Now.AddMinutes(30), fails: true);
        WatchedRun(state, "w5", Now.AddMinutes(40));
        WatchedRun(state, "w6", Now.AddMinutes(50), watched: false); // asked for by a user
        WatchedRun(state, "w7", Now.AddMinutes(55));
        WatchedRun(state, "w8", Now.AddMinutes(55 + 61)); // past the hour of the entry it would join

        var history = state.History;
        var restored = JobSnapshotCodec.Decode(JobSnapshotCodec.Encode(state));

        Assert.Equal(["w3", "w4", "w5", "w6", "w7", "w8"], history.Select(r => r.RunId));
        Assert.Equal((3, 6, 60L, Now, Now.AddMinutes(20).AddSeconds(2)), (history[0].Runs, history[0].Uploaded, history[0].BytesTransferred, history[0].StartedAt, history[0].FinishedAt));
        Assert.Equal((1, RunOutcome.Failed), (history[1].Runs, history[1].Outcome));
        Assert.Null(history[3].Runs);
        Assert.Equal([1, 1], new[] { history[4].Runs, history[5].Runs });
        Assert.Equal(8, state.Days.Days.Sum(d => d.Runs.Total)); // the statistics count every run
        Assert.Equal(history.Select(r => (r.RunId, r.Runs, r.Uploaded, r.StartedAt)), restored.History.Select(r => (r.RunId, r.Runs, r.Uploaded, r.StartedAt)));
        Assert.Equal(JobStatus.Idle, state.Status);
    }

    [Fact]
    public void A_run_of_a_job_without_a_base_is_a_first_sync_through_a_snapshot_and_into_its_summary()
    {
        var state = new JobState();
        Do(state, new DefineJob(Spec));
        Do(state, new StartRun("docs", "r1", Now, DryRun: false));
        var restored = JobSnapshotCodec.Decode(JobSnapshotCodec.Encode(state)); // a crash before the run ended

        Assert.True(restored.Run!.FirstSync);
        Assert.True(RunSummaries.Build(restored.Run, SyncMode.Mirror, plan: null, abortReason: null, stopped: false, Now).FirstSync);

        state.Apply(new ItemsSynced("docs", "r1", [new BaseChange("a.txt", EntryState.OfFile(3, 42))], 3));
        state.Apply(new RunFinished("docs", RunSummaries.Build(state.Run!, SyncMode.Mirror, plan: null, abortReason: null, stopped: false, Now)));
        var second = Do(state, new StartRun("docs", "r2", Now, DryRun: false));

        Assert.False(((RunStarted)second.Events.Single()).FirstSync);
        Assert.False(state.Run!.FirstSync);
    }

    [Fact]
    public void The_last_completed_run_is_remembered_past_the_history_and_through_a_snapshot()
    {
        var state = new JobState();
        Do(state, new DefineJob(Spec));
        state.Apply(new RunFinished("docs", new RunSummary { RunId = "ok", Mode = SyncMode.Mirror, StartedAt = Now, FinishedAt = Now, Outcome = RunOutcome.Completed }));
        for (var i = 0; i <= JobState.HistoryLength; i++)
        {
            var at = Now.AddHours(i + 1);
            state.Apply(new RunFinished("docs", new RunSummary { RunId = $"bad{i}", Mode = SyncMode.Mirror, StartedAt = at, FinishedAt = at, Outcome = RunOutcome.Aborted }));
        }

        var restored = JobSnapshotCodec.Decode(JobSnapshotCodec.Encode(state));

        Assert.DoesNotContain(state.History, r => r.RunId == "ok");
        Assert.Equal((Now, Now), (state.LastCompletedAt, restored.LastCompletedAt));
    }

    [Fact]
    public void Refusals_say_why_and_change_nothing()
    {
        var state = new JobState();

        Assert.Equal(JobRefusal.NotFound, Do(state, new StartRun("docs", "r1", Now, false)).Refusal);
        Assert.Equal(JobRefusal.Invalid, Do(state, new DefineJob(Spec with { Workers = 0 })).Refusal);
        var twice = Do(state, FromLaterClient(new DefineJob(Spec with { Workers = 0 }), mode: "sideways"));
        Assert.Equal(["mode", "workers"], twice.Problems!.Select(p => p.Field));
        Assert.Equal((twice.Problems![0].Field, twice.Problems[0].Reason), (twice.Field, twice.Reason));
        Do(state, new DefineJob(Spec));
        Assert.Equal(JobRefusal.NotRunning, Do(state, new ControlRun("docs", RunControl.Stop, Now)).Refusal);
        Do(state, new StartRun("docs", "r1", Now, false));
        var busy = Do(state, new StartRun("docs", "r2", Now, false));
        Assert.Equal(JobRefusal.Busy, busy.Refusal);
        Assert.Contains("already running", busy.Reason, StringComparison.Ordinal);
        Assert.Equal(JobRefusal.Busy, Do(state, new DeleteJob("docs")).Refusal);
        Assert.Equal(JobRefusal.NotRunning, Do(state, new ControlRun("docs", RunControl.Resume, Now)).Refusal);
        Assert.Equal("r1", state.Run!.RunId);
    }

    [Fact]
    public void Items_synced_and_forgotten_update_the_base_and_history_is_bounded()
    {
        var state = new JobState();
        Do(state, new DefineJob(Spec));
        for (var i = 0; i < JobState.HistoryLength + 5; i++)
        {
            Do(state, new StartRun("docs", $"r{i}", Now, false));
            state.Apply(new ItemsSynced("docs", $"r{i}", [new BaseChange($"f{i}", EntryState.OfFile(i, i)), new BaseChange($"f{i - 1}", null)], i));
            state.Apply(new RunFinished("docs", new RunSummary { RunId = $"r{i}", Mode = SyncMode.Mirror, StartedAt = Now, FinishedAt = Now, Outcome = RunOutcome.Completed }));
        }

        Assert.Equal(1, state.Base.Count);
        Assert.Equal(JobState.HistoryLength, state.History.Count);
        Assert.Equal($"r{JobState.HistoryLength + 4}", state.History[^1].RunId);
    }

    [Fact]
    public void A_run_lists_its_first_failures_and_counts_the_rest_in_events_and_summary()
    {
        var state = new JobState();
        Do(state, new DefineJob(Spec));
        Do(state, new StartRun("docs", "r1", Now, false));
        RunError Error(int i) => new($"f{i}", RunAction.Upload, RunErrorKind.Item, "denied");
        var batches = Enumerable.Range(0, 3).Select(b => Enumerable.Range(b * 500, 500).Select(Error).ToList()).ToList();

        var events = batches.Select(batch =>
        {
            var e = state.Run!.Failed("docs", batch);
            state.Apply(e);
            return e;
        }).ToList();
        state.Apply(new ItemsFailed("docs", "r1", [.. Enumerable.Range(1500, 700).Select(Error)])); // as written before the cap
        var summary = RunSummaries.Build(state.Run!, SyncMode.Mirror, plan: null, abortReason: null, stopped: false, Now);

        Assert.Equal([(500, 0), (500, 0), (0, 500)], events.Select(e => (e.Errors.Count, e.Unlisted)));
        Assert.Equal((RunSummary.MaxListedErrors, 2200), (state.Run!.Errors.Count, state.Run.FailedCount));
        Assert.Equal((2200, RunSummary.MaxListedErrors, RunOutcome.Failed), (summary.Failed, summary.Errors.Count, summary.Outcome));
        var copy = JobSnapshotCodec.Decode(JobSnapshotCodec.Encode(state));
        Assert.Equal(2200, copy.Run!.FailedCount);
        var decoded = Assert.IsType<ItemsFailed>(JobEventCodec.Decode(JobEventCodec.Encode(events[2]), JobEventCodec.ManifestOf(events[2])));
        Assert.Equal((0, 500), (decoded.Errors.Count, decoded.Unlisted));
    }

    [Theory]
    [InlineData("/srv/other", "smb://CORP;svc@nas/team/docs", false)]
    [InlineData("/srv/docs", "smb://CORP;svc@nas/team/elsewhere", false)]
    [InlineData("/srv/docs", "smb://CORP;svc@nas2/team/docs", false)]
    [InlineData("/srv/docs", "/mnt/docs", false)]
    [InlineData("/srv/docs/", "smb://CORP;svc@nas/team/docs", true)]
    [InlineData("/srv/docs", "smb://other@NAS/Team/Docs/?protection=sign", true)]
    public void Pointing_a_job_at_other_directories_forgets_what_it_synced(string local, string remote, bool kept)
    {
        var state = new JobState();
        var spec = Spec with { LocalPath = "/srv/docs", Remote = "smb://CORP;svc@nas/team/docs" };
        Do(state, new DefineJob(spec));
        Do(state, new StartRun("docs", "r1", Now, false));
        state.Apply(new ItemsSynced("docs", "r1", [new BaseChange("a.txt", EntryState.OfFile(3, 42))], 3));
        state.Apply(new RunFinished("docs", new RunSummary { RunId = "r1", Mode = SyncMode.Mirror, StartedAt = Now, FinishedAt = Now, Outcome = RunOutcome.Completed }));

        Do(state, new DefineJob(spec with { LocalPath = local, Remote = remote }));

        Assert.Equal(kept ? 1 : 0, state.Base.Count);
    }

    [Fact]
    public void Deleting_a_job_forgets_its_base()
    {
        var state = new JobState();
        Do(state, new DefineJob(Spec));
        state.Apply(new ItemsSynced("docs", "r0", [new BaseChange("x", EntryState.OfFile(1, 1))], 1));

        Do(state, new DeleteJob("docs"));

        Assert.True(state.Deleted);
        Assert.Equal(0, state.Base.Count);
        Assert.Equal(JobRefusal.NotFound, state.Decide(new StartRun("docs", "r1", Now, false), Now).Refusal);
    }

    [Fact]
    public void Create_refuses_a_taken_id_and_update_an_unknown_one()
    {
        var state = new JobState();
        Assert.Equal(JobRefusal.NotFound, Do(state, new DefineJob(Spec, DefineIntent.Update)).Refusal);
        Assert.Null(Do(state, new DefineJob(Spec, DefineIntent.Create)).Refusal);

        var taken = Do(state, new DefineJob(Spec with { Workers = 2 }, DefineIntent.Create));

        Assert.Equal((JobRefusal.Invalid, "id"), (taken.Refusal!.Value, taken.Field));
        Assert.Equal(Spec.Workers, state.Spec!.Workers);
        Assert.Null(Do(state, new DefineJob(Spec with { Workers = 2 }, DefineIntent.Update)).Refusal);
        Do(state, new DeleteJob("docs"));
        Assert.Null(Do(state, new DefineJob(Spec, DefineIntent.Create)).Refusal);
    }

    [Fact]
    public void A_running_job_may_change_its_workers_and_schedule_but_nothing_else()
    {
        var state = new JobState();
        Do(state, new DefineJob(Spec));
        Do(state, new StartRun("docs", "r1", Now, false));

        Assert.Null(Do(state, new DefineJob(Spec with { Workers = 3, IntervalSeconds = 60 }, DefineIntent.Update)).Refusal);
        Assert.Equal((3, 60), (state.Spec!.Workers, state.Spec.IntervalSeconds!.Value));
        Assert.Equal(JobRefusal.Busy, Do(state, new DefineJob(Spec with { Mode = SyncMode.Download })).Refusal);
        Assert.Equal(JobRefusal.Busy, Do(state, new DefineJob(Spec with { Exclude = ["*.bak"] })).Refusal);
        Assert.Equal("r1", state.Run!.RunId);
    }

    [Fact]
    public void Defining_a_job_again_with_the_same_spec_is_accepted_without_an_event()
    {
        var state = new JobState();
        Do(state, new DefineJob(Spec));

        var again = state.Decide(new DefineJob(Spec with { Exclude = [.. Spec.Exclude] }), Now);

        Assert.Null(again.Refusal);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void An_invalid_spec_is_refused_with_its_field()
    {
        var refused = new JobState().Decide(new DefineJob(Spec with { Remote = "ftp://x" }), Now);

        Assert.Equal((JobRefusal.Invalid, "remote"), (refused.Refusal!.Value, refused.Field));
    }
}
