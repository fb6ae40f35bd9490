namespace SmbSyncCluster.Cluster.Tests;

/// <summary>The system clock moved by <paramref name="shift"/>: a node that starts after time has passed.</summary>
internal sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
}
