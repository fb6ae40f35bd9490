namespace SmbSyncCluster.Sync.Watching;

/// <summary>A change a watcher saw at a path, relative to the watched root ('/' between components).</summary>
/// <param name="Path">The path; a hint to rescan, never trusted as a state.</param>
/// <param name="ContentMayDiffer">It appeared, went or was renamed: whatever lies under it is looked at too.</param>
public readonly record struct WatchEvent(string Path, bool ContentMayDiffer);

/// <summary>What a watcher saw since its last batch.</summary>
/// <param name="Events">The changes.</param>
/// <param name="Lost">Changes were dropped (a queue overflowed, a server gave up, a connection was lost): the whole tree must be scanned again.</param>
/// <param name="Problem">Why, when the user should hear of it (said once).</param>
public sealed record WatchBatch(IReadOnlyList<WatchEvent> Events, bool Lost, string? Problem = null)
{
    /// <summary>
    /// A watcher's first batch, once it follows its side: what changed before is unknown, so the whole tree is
    /// scanned, and only from now on, or a change made while the watch was being set up could be missed by both.
    /// </summary>
    public static WatchBatch Started { get; } = new([], Lost: true);
}
