namespace SmbSyncCluster.Cluster.Tests;

/// <summary>The system clock moved by <paramref name="shift"/>: a node that starts after time has passed, or time that passes on demand.</summary>
internal sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public TimeSpan Shift { get; set; } = shift;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
}
