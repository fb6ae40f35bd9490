namespace SmbSyncCluster.Contracts;

/// <summary>A snapshot of a run's progress: its phase, items and bytes done out of the plan's, the copy rate and an ETA.</summary>
/// <param name="Phase">scanning, detecting, planning, executing or finishing.</param>
/// <param name="CurrentPath">The item last started, if any.</param>
/// <param name="ItemsDone">Actions finished (succeeded or failed).</param>
/// <param name="ItemsTotal">Actions in the plan that touch a store.</param>
/// <param name="BytesDone">Bytes copied so far.</param>
/// <param name="BytesTotal">Bytes the plan copies.</param>
/// <param name="BytesPerSecond">Average copy rate since execution started.</param>
/// <param name="Eta">Estimated time left, when the rate allows a guess.</param>
public sealed record SyncProgress(
    string Phase,
    string? CurrentPath,
    int ItemsDone,
    int ItemsTotal,
    long BytesDone,
    long BytesTotal,
    double BytesPerSecond,
    TimeSpan? Eta)
{
    /// <summary>Share of the work done, by bytes when there are any, else by items (0 to 100).</summary>
    public double Percent => BytesTotal > 0 ? 100.0 * BytesDone / BytesTotal
        : ItemsTotal > 0 ? 100.0 * ItemsDone / ItemsTotal : 100.0;
}
