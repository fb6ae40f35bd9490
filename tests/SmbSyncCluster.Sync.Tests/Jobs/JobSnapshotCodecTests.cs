using System.Text;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Tests.Jobs;

public sealed class JobSnapshotCodecTests
{
    [Fact]
    public void A_state_round_trips_with_its_base_run_and_history()
    {
        var state = new JobState();
        foreach (var e in SampleEvents.All().SkipLast(1))
        {
            state.Apply(e);
        }
        state.Apply(new RunStarted("docs", "r2", DateTimeOffset.UnixEpoch, DryRun: true));
        state.Apply(new ItemsSynced("docs", "r2", [new BaseChange("new/é file.txt", EntryState.OfFile(long.MaxValue, -5))], 7));
        state.Apply(new RunControlled("docs", "r2", RunControl.Pause, DateTimeOffset.UnixEpoch));

        var copy = JobSnapshotCodec.Decode(JobSnapshotCodec.Encode(state));

        Assert.Equal(state.Base.OrderBy(e => e.Key, StringComparer.Ordinal), copy.Base.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(state.Spec!.ToString(), copy.Spec!.ToString());
        Assert.Equal((JobStatus.Paused, "r2", 1, 7L), (copy.Status, copy.Run!.RunId, copy.Run.ItemsSynced, copy.Run.Bytes));
        Assert.Equal(state.History.Single().Errors.Single(), copy.History.Single().Errors.Single());
    }

    [Fact]
    public void A_large_base_round_trips()
    {
        var state = new JobState();
        state.Apply(new JobDefined("big", SampleEvents.Spec with { Id = "big" }));
        state.Apply(new ItemsSynced("big", "r", [.. Enumerable.Range(0, 50_000).Select(i => new BaseChange($"dir{i % 100}/file-{i}.bin", EntryState.OfFile(i, i * 10_000_000L)))], 0));

        var copy = JobSnapshotCodec.Decode(JobSnapshotCodec.Encode(state));

        Assert.Equal(50_000, copy.Base.Count);
        Assert.True(copy.Base.TryGet("dir42/file-4242.bin", out var entry));
        Assert.Equal(EntryState.OfFile(4242, 42_420_000_000), entry);
    }

    [Fact]
    public void The_time_a_schedule_counts_from_round_trips()
    {
        var state = new JobState();
        state.Apply(new JobDefined("docs", SampleEvents.Spec, new DateTimeOffset(2026, 11, 25, 20, 1, 2, TimeSpan.Zero)));

        Assert.Equal(state.ScheduledSince, JobSnapshotCodec.Decode(JobSnapshotCodec.Encode(state)).ScheduledSince);
    }

    [Fact]
    public void A_snapshot_from_before_schedules_loads_without_a_schedule_time()
    {
        var state = JobSnapshotCodec.Decode(Snapshot("""{"spec":{"id":"docs","localPath":"/srv/docs","remote":"/srv/remote","intervalSeconds":600},"deleted":false,"run":null,"history":[]}"""));

        Assert.Equal((600, null), (state.Spec!.IntervalSeconds, state.ScheduledSince));
    }

    [Fact]
    public void Modes_outcomes_and_error_kinds_are_the_words_snapshots_have_always_held()
    {
        var state = new JobState();
        foreach (var e in SampleEvents.All().SkipLast(1))
        {
            state.Apply(e);
        }
        var bytes = JobSnapshotCodec.Encode(state);
        var header = Encoding.UTF8.GetString(bytes, 5, BitConverter.ToInt32(bytes, 1));

        var loaded = JobSnapshotCodec.Decode(Snapshot(
            """{"spec":{"id":"docs","localPath":"/srv/docs","remote":"/srv/remote","mode":"download","conflict":"keep-both"},"deleted":false,"run":null,"history":[""" +
            """{"runId":"r1","mode":"download","startedAt":"2026-11-25T12:30:00+00:00","finishedAt":"2026-11-25T12:31:00+00:00","outcome":"stopped","errors":[""" +
            """{"path":"a","action":"mkdir-local","kind":"transient","message":"busy"}],"skips":[{"path":"b","action":"skip","kind":"unrepresentable-name","message":"no"}]}]}"""));

        Assert.Contains("\"mode\":\"upload\",\"conflict\":\"newer\",", header, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"failed\",", header, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"upload\",\"kind\":\"item\",", header, StringComparison.Ordinal);
        Assert.Equal((SyncMode.Download, ConflictPolicy.KeepBoth), (loaded.Spec!.Mode, loaded.Spec.Conflict));
        var run = loaded.History.Single();
        Assert.Equal((SyncMode.Download, RunOutcome.Stopped), (run.Mode, run.Outcome));
        Assert.Equal((RunAction.MkdirLocal, RunErrorKind.Transient), (run.Errors.Single().Action, run.Errors.Single().Kind));
        Assert.Equal((RunAction.Skip, RunErrorKind.UnrepresentableName), (run.Skips!.Single().Action, run.Skips!.Single().Kind));
    }

    [Theory]
    [InlineData("\"paused-forever\"")]
    [InlineData("1")]
    public void An_outcome_this_version_does_not_know_is_a_format_error(string outcome) =>
        Assert.Throws<FormatException>(() => JobSnapshotCodec.Decode(Snapshot(
            $$"""{"spec":null,"deleted":false,"run":null,"history":[{"runId":"r1","mode":"upload","startedAt":"2026-11-25T12:30:00+00:00","finishedAt":"2026-11-25T12:31:00+00:00","outcome":{{outcome}}}]}""")));

    /// <summary>A version 1 snapshot of <paramref name="header"/> and an empty base.</summary>
    private static byte[] Snapshot(string header)
    {
        var json = Encoding.UTF8.GetBytes(header);
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes))
        {
            w.Write((byte)1);
            w.Write(json.Length);
            w.Write(json);
            w.Write(0); // an empty base
        }
        return bytes.ToArray();
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 2, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 255, 255, 255, 127 })]
    [InlineData(new byte[] { 1, 2, 0, 0, 0, (byte)'{', (byte)'}', 5, 0, 0, 0 })]
    public void Broken_snapshots_are_a_format_error(byte[] bytes) =>
        Assert.Throws<FormatException>(() => JobSnapshotCodec.Decode(bytes));
}
