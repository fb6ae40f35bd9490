namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// What requests cost in credits and when they may go ([MS-SMB2] 3.2.4.1.5): a request carrying more
/// than 64 KiB is charged one credit per 64 KiB, and waits in <see cref="CreditPool"/> until the server
/// has granted that many. A wait is bounded by the request timeout: a server that grants nothing is as
/// dead as one that does not answer, and the wait ends in a <see cref="TimeoutException"/>.
/// </summary>
internal sealed class CreditWindow(TimeSpan timeout)
{
    /// <summary>The bytes one credit covers.</summary>
    public const int Unit = 64 * 1024;

    /// <summary>Before NEGOTIATE the connection holds the one credit every client starts with.</summary>
    private readonly CreditPool _pool = new(1);

    /// <summary>
    /// False until a dialect with credit charges (2.1 and later) has been negotiated: until then, and on
    /// 2.0.2 for good, every request costs one credit and its header carries no charge.
    /// </summary>
    public bool MultiCredit { get; set; }

    public int Available => _pool.Available;

    /// <summary>The credits a request with <paramref name="payloadBytes"/> of payload costs.</summary>
    public int ChargeFor(int payloadBytes) => MultiCredit && payloadBytes > 0 ? ((payloadBytes - 1) / Unit) + 1 : 1;

    /// <summary>The CreditCharge header field for a request charged <paramref name="charge"/>; zero on 2.0.2 ([MS-SMB2] 2.2.1.2).</summary>
    public ushort HeaderCharge(int charge) => MultiCredit ? (ushort)charge : (ushort)0;

    /// <summary>
    /// Takes <paramref name="charge"/> credits for a request about to be sent. With
    /// <paramref name="reserved"/> credits already taken by <see cref="ReserveIoAsync"/>, it gives back
    /// what the request does not need instead, and refuses a request that needs more than was reserved.
    /// </summary>
    public async Task TakeAsync(int charge, int reserved, CancellationToken ct)
    {
        if (reserved == 0)
        {
            await WaitAsync(_pool.AcquireRangeAsync(charge, charge, ct), ct);
        }
        else if (charge > reserved)
        {
            _pool.Release(reserved);
            throw new ArgumentException($"request needs {charge} credits but only {reserved} were reserved");
        }
        else
        {
            _pool.Release(reserved - charge);
        }
    }

    /// <summary>
    /// Takes credits for one READ or WRITE of up to <paramref name="wantedBytes"/>: at least one credit,
    /// more when granted ones are there. Returns the credits taken and the bytes they cover.
    /// </summary>
    public async Task<(int Charge, int Bytes)> ReserveIoAsync(int wantedBytes, CancellationToken ct)
    {
        var maxCharge = MultiCredit ? Math.Max(1, (wantedBytes + Unit - 1) / Unit) : 1;
        var charge = await WaitAsync(_pool.AcquireRangeAsync(1, maxCharge, ct), ct);
        return (charge, MultiCredit ? Math.Min(wantedBytes, charge * Unit) : wantedBytes);
    }

    /// <summary>Adds the credits a response grants; a grant past <see cref="CreditPool.Limit"/> is a protocol error.</summary>
    public void Grant(int credits) => _pool.Grant(credits);

    /// <summary>Gives back credits taken for a request that was never sent.</summary>
    public void Release(int credits) => _pool.Release(credits);

    /// <summary>Fails every wait, now and later, with <paramref name="failure"/>.</summary>
    public void Fail(Exception failure) => _pool.Fail(failure);

    private async Task<T> WaitAsync<T>(ValueTask<T> acquire, CancellationToken ct) =>
        await acquire.AsTask().WaitAsync(timeout, ct);
}
