namespace SmbSyncCluster.Sync.Limits;

/// <summary>
/// A <see cref="BandwidthSchedule"/> applied through one <see cref="TokenBucket"/>: a job's limit (one per run,
/// a job running one run at a time) or a node's (one for the node, shared by every transfer on it).
/// </summary>
public sealed class BandwidthLimit(BandwidthSchedule schedule, TimeProvider clock)
{
    private readonly TokenBucket _bucket = new(clock);

    /// <summary>The limit's schedule.</summary>
    public BandwidthSchedule Schedule => schedule;

    /// <summary>The rate now, in bytes per second; null when there is none.</summary>
    public long? RateNow => schedule.RateAt(clock.GetLocalNow().DateTime);

    /// <summary>Takes <paramref name="bytes"/> from the bucket at the rate now; returns how long to wait before going on.</summary>
    public TimeSpan Take(long bytes) => _bucket.Take(bytes, RateNow);
}
