namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>How a watched job turns changes into runs.</summary>
public sealed record WatchTiming
{
    /// <summary>Quiet time after a change before the run that syncs it: a burst of writes becomes one run.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a burst that never goes quiet delays its run.</summary>
    public TimeSpan BurstLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Between full rescans, whatever the watchers say: what no watcher reports (a change under a mount) is caught here.</summary>
    public TimeSpan SafetyRescan { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Between attempts to watch a side again after its watcher ended (a lost connection).</summary>
    public TimeSpan Retry { get; init; } = TimeSpan.FromSeconds(5);
}
