using System.Text;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Tests.Jobs;

/// <summary>
/// Moved files are counted in the events under the existing manifests, as an optional field: the golden
/// files with <c>.moved</c> in their name pin how a run that moved something is stored, and the v1 goldens
/// (which have no such field) still read as moving nothing.
/// </summary>
public sealed class MovedCountsCodecTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 30, 0, TimeSpan.Zero);

    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Jobs", "Golden", name + ".json"));

    public static TheoryData<string, string> Stored => new()
    {
        { "ItemsSynced.moved.v1", "ItemsSynced.v1" },
        { "RunFinished.moved.v1", "RunFinished.v1" },
    };

    private static IJobEvent Sample(string manifest) => manifest switch
    {
        "ItemsSynced.v1" => new ItemsSynced("docs", "r1",
            [new BaseChange("photos/2024/a.jpg", null), new BaseChange("photos/2024-trip/a.jpg", EntryState.OfFile(1234, 638_000_000_000_000_000))], 0,
            new FileCounts(0, 0, 0, 0, Moved: 1)),
        _ => new RunFinished("docs", new RunSummary
        {
            RunId = "r1", Mode = SyncMode.Mirror, Moved = 25, StartedAt = At, FinishedAt = At.AddSeconds(1), Outcome = RunOutcome.Completed,
        }),
    };

    [Theory]
    [MemberData(nameof(Stored))]
    public void A_run_that_moved_files_is_stored_and_read_back_exactly(string golden, string manifest)
    {
        var loaded = JobEventCodec.Decode(Encoding.UTF8.GetBytes(Golden(golden)), manifest);

        Assert.Equal(Golden(golden), Encoding.UTF8.GetString(JobEventCodec.Encode(Sample(manifest))));
        Assert.Equal(Golden(golden), Encoding.UTF8.GetString(JobEventCodec.Encode(loaded)));
    }

    [Fact]
    public void Moved_files_add_up_in_the_run_and_reach_its_summary()
    {
        var state = new JobState();
        state.Apply(new JobDefined("docs", SampleEvents.Spec));
        state.Apply(new RunStarted("docs", "r1", At, DryRun: false));
        state.Apply(JobEventCodec.Decode(Encoding.UTF8.GetBytes(Golden("ItemsSynced.moved.v1")), "ItemsSynced.v1"));
        state.Apply(JobEventCodec.Decode(Encoding.UTF8.GetBytes(Golden("ItemsSynced.moved.v1")), "ItemsSynced.v1"));

        var summary = RunSummaries.Build(state.Run!, SyncMode.Mirror, plan: null, abortReason: null, stopped: false, At);

        Assert.Equal(2, summary.Moved);
        Assert.True(state.Base.Contains("photos/2024-trip/a.jpg"));
        Assert.False(state.Base.Contains("photos/2024/a.jpg"));
    }

    [Fact]
    public void Events_stored_before_moves_read_as_moving_nothing()
    {
        var synced = Assert.IsType<ItemsSynced>(JobEventCodec.Decode(Encoding.UTF8.GetBytes(Golden("ItemsSynced.v1")), "ItemsSynced.v1"));
        var finished = Assert.IsType<RunFinished>(JobEventCodec.Decode(Encoding.UTF8.GetBytes(Golden("RunFinished.v1")), "RunFinished.v1"));

        Assert.Equal(0, (synced.Counts ?? FileCounts.Zero).Moved);
        Assert.Equal(0, finished.Summary.Moved);
        Assert.DoesNotContain("moved", Golden("RunFinished.v1"), StringComparison.Ordinal);
    }
}
