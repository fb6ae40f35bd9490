using SmbSyncCluster.Smb.Connection;

namespace SmbSyncCluster.Smb.Tests.Protocol;

public sealed class CreditPoolTests
{
    [Fact]
    public async Task Waiters_are_served_in_order_when_credits_return()
    {
        var pool = new CreditPool(1);
        await pool.AcquireRangeAsync(1, 1, default);
        var big = pool.AcquireRangeAsync(8, 8, default).AsTask();
        var small = pool.AcquireRangeAsync(1, 1, default).AsTask();

        pool.Release(4);
        Assert.False(big.IsCompleted);
        Assert.False(small.IsCompleted); // FIFO: the small one does not jump the big one

        pool.Release(5);
        await big;
        await small;
        Assert.Equal(0, pool.Available);
    }

    [Fact]
    public async Task Cancelled_waiters_leave_the_queue()
    {
        var pool = new CreditPool(0);
        using var cts = new CancellationTokenSource();
        var cancelled = pool.AcquireRangeAsync(5, 5, cts.Token).AsTask();
        var next = pool.AcquireRangeAsync(1, 1, default).AsTask();

        await cts.CancelAsync();
        pool.Release(1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await next;
    }

    [Fact]
    public async Task A_range_takes_what_is_there_instead_of_waiting_for_more()
    {
        var pool = new CreditPool(3);

        Assert.Equal(3, await pool.AcquireRangeAsync(1, 128, default));
        var waiting = pool.AcquireRangeAsync(1, 128, default).AsTask();
        Assert.False(waiting.IsCompleted);
        pool.Release(2);

        Assert.Equal(2, await waiting);
    }

    [Fact]
    public async Task Failure_fails_every_waiter_and_later_callers()
    {
        var pool = new CreditPool(0);
        var waiting = pool.AcquireRangeAsync(1, 1, default).AsTask();

        pool.Fail(new IOException("gone"));

        await Assert.ThrowsAsync<IOException>(() => waiting);
        await Assert.ThrowsAsync<IOException>(() => pool.AcquireRangeAsync(1, 1, default).AsTask());
    }
}
