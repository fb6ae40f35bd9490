namespace SmbSyncCluster.Sync.Limits;

/// <summary>
/// A token bucket of bytes whose rate may change between two takes (a timetable moving on). Tokens flow in
/// at the rate up to <see cref="BurstTime"/> worth; a take may overdraw the bucket, and the taker then waits
/// until the debt is paid (<see cref="Take"/>), so readers of any chunk size get the rate on average
/// without the bucket having to hold a whole chunk. It starts empty: a transfer never begins above the rate.
/// Thread-safe: the node's bucket is shared by every transfer on the node.
/// </summary>
public sealed class TokenBucket(TimeProvider clock)
{
    /// <summary>
    /// How much an idle bucket saves up: a short burst after a pause, small enough that a transfer measured
    /// over a few seconds stays within a few percent of the rate.
    /// </summary>
    public static readonly TimeSpan BurstTime = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Debts shorter than this are carried to the next take instead of waited for: timers are not that fine,
    /// and many tiny waits that each oversleep would slow a transfer below its rate.
    /// </summary>
    public static readonly TimeSpan LeastWait = TimeSpan.FromMilliseconds(10);

    private readonly Lock _lock = new();
    private double _tokens;
    private long? _rate;
    private long _updated = clock.GetTimestamp();

    /// <summary>
    /// Takes <paramref name="bytes"/> at <paramref name="bytesPerSecond"/> (null: no limit, and the bucket
    /// starts afresh when a limit comes back) and returns how long the taker must wait before going on.
    /// </summary>
    public TimeSpan Take(long bytes, long? bytesPerSecond)
    {
        lock (_lock)
        {
            var now = clock.GetTimestamp();
            var elapsed = clock.GetElapsedTime(_updated, now).TotalSeconds;
            _updated = now;
            // The time since the last take filled the bucket at the rate of then: a debt is paid at the rate it was run up under.
            var filled = _tokens + (elapsed * (_rate ?? 0));
            _rate = bytesPerSecond;
            if (bytesPerSecond is not { } rate)
            {
                _tokens = 0;
                return TimeSpan.Zero;
            }
            _tokens = Math.Min(filled, rate * BurstTime.TotalSeconds) - bytes;
            var wait = TimeSpan.FromSeconds(-_tokens / rate);
            return wait >= LeastWait ? wait : TimeSpan.Zero;
        }
    }
}
