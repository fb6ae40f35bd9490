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
        var header = """{"spec":{"id":"docs","localPath":"/srv/docs","remote":"/srv/remote","intervalSeconds":600},"deleted":false,"run":null,"history":[]}"""u8.ToArray();
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes))
        {
            w.Write((byte)1);
            w.Write(header.Length);
            w.Write(header);
            w.Write(0); // an empty base
        }

        var state = JobSnapshotCodec.Decode(bytes.ToArray());

        Assert.Equal((600, null), (state.Spec!.IntervalSeconds, state.ScheduledSince));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 2, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 255, 255, 255, 127 })]
    [InlineData(new byte[] { 1, 2, 0, 0, 0, (byte)'{', (byte)'}', 5, 0, 0, 0 })]
    public void Broken_snapshots_are_a_format_error(byte[] bytes) =>
        Assert.Throws<FormatException>(() => JobSnapshotCodec.Decode(bytes));
}
