using SmbSyncCluster.Smb.Connection;

namespace SmbSyncCluster.Smb.Tests.Protocol;

public sealed class CreditPoolTests
{
    [Fact]
    public async Task Waiters_are_served_in_order_when_credits_return()
    {
        var pool = new CreditPool(1);
        await pool.AcquireAsync(1, default);
        var big = pool.AcquireAsync(8, default).AsTask();
        var small = pool.AcquireAsync(1, default).AsTask();

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
        var cancelled = pool.AcquireAsync(5, cts.Token).AsTask();
        var next = pool.AcquireAsync(1, default).AsTask();

        await cts.CancelAsync();
        pool.Release(1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await next;
    }

    [Fact]
    public async Task Failure_fails_every_waiter_and_later_callers()
    {
        var pool = new CreditPool(0);
        var waiting = pool.AcquireAsync(1, default).AsTask();

        pool.Fail(new IOException("gone"));

        await Assert.ThrowsAsync<IOException>(() => waiting);
        await Assert.ThrowsAsync<IOException>(() => pool.AcquireAsync(1, default).AsTask());
    }
}
