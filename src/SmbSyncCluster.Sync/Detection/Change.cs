using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Detection;

/// <summary>One path whose sides or base differ, with the three states it was judged on.</summary>
/// <param name="Path">Relative path.</param>
/// <param name="Kind">What happened to it.</param>
/// <param name="Base">Its state at the last sync, null when untracked.</param>
/// <param name="Local">Its local state, null when absent locally.</param>
/// <param name="Remote">Its remote state, null when absent on the remote.</param>
public sealed record Change(string Path, ChangeKind Kind, EntryState? Base, EntryState? Local, EntryState? Remote)
{
    /// <summary>For unrepresentable names, why the side cannot hold it; otherwise null.</summary>
    public string? Reason { get; init; }

    /// <summary>The state on <paramref name="side"/>, null when absent there.</summary>
    /// <param name="side">Local or remote.</param>
    public EntryState? On(SyncSide side) => side == SyncSide.Local ? Local : Remote;
}
