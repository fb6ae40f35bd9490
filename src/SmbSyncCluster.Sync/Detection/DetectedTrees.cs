using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Detection;

/// <summary>The three snapshots of one detection and the tolerance they were compared with.</summary>
internal sealed record DetectedTrees(TreeSnapshot Base, TreeSnapshot Local, TreeSnapshot Remote, long ToleranceTicks)
{
    public TreeSnapshot Of(SyncSide side) => side == SyncSide.Local ? Local : Remote;

    /// <summary>
    /// Whether <paramref name="path"/> on <paramref name="side"/> is an unchanged file the other side
    /// deleted, so the run deletes it before anything is created there.
    /// </summary>
    public bool IsPendingFileDeletion(string path, SyncSide side) =>
        Base.TryGet(path, out var b)
        && !Of(side.Other()).Contains(path)
        && Of(side).TryGet(path, out var state)
        && state.IsFile
        && state.SameAs(b, ToleranceTicks);
}
