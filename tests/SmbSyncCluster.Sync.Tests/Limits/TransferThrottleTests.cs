using Microsoft.Extensions.Time.Testing;
using SmbSyncCluster.Sync.Limits;

namespace SmbSyncCluster.Sync.Tests.Limits;

public sealed class TransferThrottleTests
{
    private static BandwidthLimit Limit(string text, TimeProvider clock) => new(BandwidthSchedule.Parse(text), clock);

    [Fact]
    public void Limits_that_are_all_off_or_absent_make_no_throttle()
    {
        var clock = new FakeTimeProvider();

        Assert.Null(TransferThrottle.Of(clock));
        Assert.Null(TransferThrottle.Of(clock, null, Limit("off", clock)));
        Assert.NotNull(TransferThrottle.Of(clock, null, Limit("08:00,1M 19:00,off", clock)));
    }

    [Fact]
    public void The_slower_of_the_job_and_the_node_limit_decides_the_wait()
    {
        var clock = new FakeTimeProvider();
        var throttle = TransferThrottle.Of(clock, Limit("4M", clock), Limit("1M", clock))!;

        var wait = throttle.WaitAsync(512 * 1024, default);

        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_node_limit_is_shared_by_every_transfer_under_it()
    {
        var clock = new FakeTimeProvider();
        var node = Limit("1M", clock);
        var one = TransferThrottle.Of(clock, node)!;
        var other = TransferThrottle.Of(clock, Limit("4M", clock), node)!;

        _ = one.WaitAsync(512 * 1024, default);
        var second = other.WaitAsync(512 * 1024, default);
        clock.Advance(TimeSpan.FromMilliseconds(999));

        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(second.IsCompletedSuccessfully);
    }

    [Fact]
    public void Reads_are_cut_to_a_tenth_of_a_second_at_the_slowest_rate_and_never_above_the_largest_chunk()
    {
        var clock = new FakeTimeProvider();

        Assert.Equal(TransferThrottle.MaxChunk, TransferThrottle.Of(clock, Limit("100M", clock))!.ChunkSize(4 << 20));
        Assert.Equal(10 * 1024, TransferThrottle.Of(clock, Limit("100K", clock))!.ChunkSize(4 << 20));
        Assert.Equal(100, TransferThrottle.Of(clock, Limit("100K", clock))!.ChunkSize(100));
    }

    [Fact]
    public void A_cancelled_transfer_stops_waiting()
    {
        var clock = new FakeTimeProvider();
        using var cancel = new CancellationTokenSource();
        var wait = TransferThrottle.Of(clock, Limit("1M", clock))!.WaitAsync(1 << 20, cancel.Token);

        cancel.Cancel();

        Assert.True(wait.IsCanceled);
    }
}
