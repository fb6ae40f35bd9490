using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>One entry a move carries along: the moved entry itself, or one under a moved directory.</summary>
/// <param name="From">Its path before the move.</param>
/// <param name="To">Its path after the move.</param>
/// <param name="There">Its state at <paramref name="From"/> on the side the move renames, as scanned: checked before renaming.</param>
/// <param name="Synced">Its state at <paramref name="To"/> on the side where the user moved it: what the base records.</param>
public readonly record struct MovedEntry(string From, string To, EntryState There, EntryState Synced);
