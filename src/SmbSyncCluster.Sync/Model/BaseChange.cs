namespace SmbSyncCluster.Sync.Model;

/// <summary>How one path's base entry changed.</summary>
/// <param name="Path">The relative path.</param>
/// <param name="State">Its synced state, or null when it left the base.</param>
public readonly record struct BaseChange(string Path, EntryState? State);
