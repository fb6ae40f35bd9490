using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Cluster.Runs;

/// <summary>Thrown by a scanner whose walk failed, for the run's supervision to retry (transient) or abort.</summary>
public sealed class ScanFailedException(SyncSide side, int attempt, Exception cause)
    : Exception($"scan of the {side.ToString().ToLowerInvariant()} side failed: {cause.Message}", cause)
{
    /// <summary>1 for the first try.</summary>
    public int Attempt { get; } = attempt;
}
