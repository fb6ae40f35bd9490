namespace SmbSyncCluster.Sync.Tests.Versions;

/// <summary>A clock that says what it is told: versions kept "in the past" without waiting.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
