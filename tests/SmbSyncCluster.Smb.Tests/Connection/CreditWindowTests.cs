using SmbSyncCluster.Smb.Connection;

namespace SmbSyncCluster.Smb.Tests.Connection;

public sealed class CreditWindowTests
{
    private static CreditWindow Window(bool multiCredit = true) => new(TimeSpan.FromSeconds(5)) { MultiCredit = multiCredit };

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(65536, 1)]
    [InlineData(65537, 2)]
    [InlineData(8 << 20, 128)]
    public void A_request_costs_one_credit_per_64KiB(int payload, int charge)
    {
        Assert.Equal(charge, Window().ChargeFor(payload));
    }

    [Fact]
    public void Without_credit_charges_every_request_costs_one_and_its_header_says_zero()
    {
        var window = Window(multiCredit: false);

        Assert.Equal(1, window.ChargeFor(1 << 20));
        Assert.Equal(0, window.HeaderCharge(1));
        Assert.Equal(3, Window().HeaderCharge(3));
    }

    [Fact]
    public async Task A_reservation_shrinks_to_the_credits_granted()
    {
        var window = Window();
        window.Grant(2); // 3 in all with the initial one

        var (charge, bytes) = await window.ReserveIoAsync(1 << 20, CancellationToken.None);

        Assert.Equal(3, charge);
        Assert.Equal(3 * CreditWindow.Unit, bytes);
        Assert.Equal(0, window.Available);
    }

    [Fact]
    public async Task Without_credit_charges_a_reservation_is_one_credit_for_the_whole_request()
    {
        var window = Window(multiCredit: false);
        window.Grant(5);

        var (charge, bytes) = await window.ReserveIoAsync(100_000, CancellationToken.None);

        Assert.Equal(1, charge);
        Assert.Equal(100_000, bytes);
    }

    [Fact]
    public async Task Taking_less_than_was_reserved_gives_the_rest_back()
    {
        var window = Window();
        window.Grant(3);
        var (reserved, _) = await window.ReserveIoAsync(4 * CreditWindow.Unit, CancellationToken.None);

        await window.TakeAsync(1, reserved, CancellationToken.None);

        Assert.Equal(3, window.Available);
    }

    [Fact]
    public async Task Needing_more_than_was_reserved_is_refused_and_the_reservation_returned()
    {
        var window = Window();
        var (reserved, _) = await window.ReserveIoAsync(CreditWindow.Unit, CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => window.TakeAsync(2, reserved, CancellationToken.None));

        Assert.Equal(1, window.Available);
    }

    [Fact]
    public async Task A_request_waits_for_its_credits()
    {
        var window = Window();
        var take = window.TakeAsync(3, 0, CancellationToken.None);
        Assert.False(take.IsCompleted);

        window.Grant(2);

        await take;
        Assert.Equal(0, window.Available);
    }

    [Fact]
    public async Task A_wait_for_credits_that_never_come_times_out()
    {
        var window = new CreditWindow(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<TimeoutException>(() => window.TakeAsync(2, 0, CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_window_fails_every_wait()
    {
        var window = Window();
        var waiting = window.TakeAsync(4, 0, CancellationToken.None);
        var failure = new InvalidOperationException("gone");

        window.Fail(failure);

        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => waiting));
        await Assert.ThrowsAsync<InvalidOperationException>(() => window.TakeAsync(1, 0, CancellationToken.None));
    }
}
