namespace SmbSyncCluster.Sync.Limits;

/// <summary>
/// Every bandwidth limit a transfer is under (its job's and its node's): each chunk of bytes is taken from
/// all of them, and the transfer waits for the longest debt. Waits are timer delays, not blocked threads.
/// </summary>
public sealed class TransferThrottle
{
    /// <summary>The largest chunk read at once under a limit: small enough for a smooth rate, large enough for few waits.</summary>
    public const int MaxChunk = 64 * 1024;

    private readonly BandwidthLimit[] _limits;
    private readonly TimeProvider _clock;

    private TransferThrottle(BandwidthLimit[] limits, TimeProvider clock) => (_limits, _clock) = (limits, clock);

    /// <summary>A throttle under the limits given (nulls and limits that are always off left out), or null when none limits anything.</summary>
    public static TransferThrottle? Of(TimeProvider clock, params BandwidthLimit?[] limits) =>
        limits.OfType<BandwidthLimit>().Where(l => !l.Schedule.IsOff).ToArray() is [_, ..] applied ? new TransferThrottle(applied, clock) : null;

    /// <summary>How many bytes to read next: at most <see cref="MaxChunk"/>, and a tenth of a second's worth at the slowest rate now.</summary>
    public int ChunkSize(int wanted)
    {
        var chunk = Math.Min(wanted, MaxChunk);
        foreach (var limit in _limits)
        {
            if (limit.RateNow is { } rate)
            {
                chunk = (int)Math.Min(chunk, Math.Max(rate / 10, 1024));
            }
        }
        return chunk;
    }

    /// <summary>Takes <paramref name="bytes"/> from every limit and waits out the longest debt.</summary>
    public Task WaitAsync(int bytes, CancellationToken ct)
    {
        var wait = TimeSpan.Zero;
        foreach (var limit in _limits)
        {
            var debt = limit.Take(bytes);
            if (debt > wait)
            {
                wait = debt;
            }
        }
        return wait > TimeSpan.Zero ? Task.Delay(wait, _clock, ct) : Task.CompletedTask;
    }
}
