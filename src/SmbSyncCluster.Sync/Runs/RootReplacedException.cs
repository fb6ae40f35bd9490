namespace SmbSyncCluster.Sync.Runs;

/// <summary>
/// A job's local root is empty and lacks its <see cref="RootMarker"/> although the job synced paths there: more likely a
/// new or replaced volume than a directory emptied on purpose, so the run stops before it takes every file as deleted.
/// </summary>
/// <param name="root">The local root.</param>
/// <param name="syncedPaths">Paths the job's last syncs recorded.</param>
public sealed class RootReplacedException(string root, int syncedPaths)
    : Exception($"the local directory {root} is empty and lacks the marker {RootMarker.FileName} the job's runs leave there, " +
        $"although its last sync left {syncedPaths} paths there: a new or replaced volume? Nothing was synced. If it is meant to be empty, " +
        $"create the marker (touch {Path.Combine(root, RootMarker.FileName)}) and sync again")
{
    /// <summary>The local root.</summary>
    public string Root { get; } = root;
}
