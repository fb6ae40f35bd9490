using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Detection;

/// <summary>The three snapshots of one detection and the tolerance they were compared with.</summary>
internal sealed record DetectedTrees(TreeSnapshot Base, TreeSnapshot Local, TreeSnapshot Remote, long ToleranceTicks)
{
    private readonly HashSet<string>?[] _keptDirectories = new HashSet<string>?[2];

    public TreeSnapshot Of(SyncSide side) => side == SyncSide.Local ? Local : Remote;

    /// <summary>
    /// Whether <paramref name="path"/> on <paramref name="side"/> is deleted by the run before a name
    /// equal but for case is created there (see <c>CaseRenames</c>): an unchanged file the other side
    /// deleted, or a directory the other side deleted that holds nothing the run keeps.
    /// </summary>
    public bool IsPendingDeletion(string path, SyncSide side)
    {
        if (!Of(side).TryGet(path, out var state) || !IsGoneElsewhere(path, state, side))
        {
            return false;
        }
        return state.IsFile || !KeptDirectories(side).Contains(path);
    }

    /// <summary>In the base as it is on <paramref name="side"/>, and deleted on the other side.</summary>
    private bool IsGoneElsewhere(string path, EntryState state, SyncSide side) =>
        Base.TryGet(path, out var synced)
        && !Of(side.Other()).Contains(path)
        && (state.IsFile ? state.SameAs(synced, ToleranceTicks) : !synced.IsFile);

    /// <summary>
    /// The directories on <paramref name="side"/> above something the run keeps there (new, changed, or
    /// still on the other side): they stay, whatever the other side did to them. Worked out once, on the
    /// first question about a directory, which only a case-only rename asks.
    /// </summary>
    private HashSet<string> KeptDirectories(SyncSide side)
    {
        if (_keptDirectories[(int)side] is { } known)
        {
            return known;
        }
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, state) in Of(side))
        {
            if (IsGoneElsewhere(path, state, side))
            {
                continue;
            }
            var parent = RelativePath.Parent(path).ToString();
            while (parent.Length > 0 && kept.Add(parent))
            {
                parent = RelativePath.Parent(parent).ToString();
            }
        }
        return _keptDirectories[(int)side] = kept;
    }
}
