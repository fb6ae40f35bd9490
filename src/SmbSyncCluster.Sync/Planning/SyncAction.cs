using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// One step of a plan. The states it carries are those seen by the scan, so the executor can refuse
/// to act on an entry that changed since.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Path">Relative path acted on (the source of a rename).</param>
public sealed record SyncAction(SyncActionKind Kind, string Path)
{
    /// <summary>For renames, the new relative path; otherwise null.</summary>
    public string? TargetPath { get; init; }

    /// <summary>
    /// The state of the entry the action reads, renames or deletes (for directory creations, the
    /// source directory; for <see cref="SyncActionKind.RecordConverged"/>, the state recorded).
    /// </summary>
    public EntryState? Expected { get; init; }

    /// <summary>
    /// For transfers, the state of the destination entry being overwritten; null when the
    /// destination must not exist.
    /// </summary>
    public EntryState? Replaces { get; init; }

    /// <summary>For <see cref="SyncActionKind.Skip"/>, the kind of reason; otherwise null.</summary>
    public SkipReason? SkipReason { get; init; }

    /// <summary>For <see cref="SyncActionKind.Skip"/>, a sentence for the user; otherwise null.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// For moves, every entry the rename carries: the moved entry first, then, for a directory, all it
    /// holds; otherwise null.
    /// </summary>
    public IReadOnlyList<MovedEntry>? Moved { get; init; }

    /// <summary>Files a move carries (a directory's files, or the one file); 0 for other actions.</summary>
    public int MovedFiles => Moved?.Count(m => m.Synced.IsFile) ?? 0;

    /// <summary>Bytes the action transfers: the file size for uploads and downloads, otherwise 0.</summary>
    public long Size => Kind is SyncActionKind.Upload or SyncActionKind.Download && Expected is { } state ? state.Size : 0;

    /// <summary>
    /// How the base changes once this action has succeeded; nothing when it does not. A rename for a
    /// conflict copy records nothing: the renamed entry is on one side only until the transfer that
    /// follows it succeeds, and a base entry on one side only would read as a deletion on the other. A
    /// move records what copying to the new paths and deleting the old ones would have: the old paths
    /// leave the base, the new ones hold the states of the side the user moved them on.
    /// </summary>
    public IEnumerable<BaseChange> ToBaseChanges()
    {
        switch (Kind)
        {
            case SyncActionKind.Upload or SyncActionKind.Download or SyncActionKind.RecordConverged
                or SyncActionKind.CreateLocalDirectory or SyncActionKind.CreateRemoteDirectory:
                return [new BaseChange(Path, Expected ?? throw new InvalidOperationException($"{Kind} of '{Path}' carries no state to record."))];
            case SyncActionKind.DeleteLocal or SyncActionKind.DeleteRemote or SyncActionKind.ForgetBase:
                return [new BaseChange(Path, null)];
            case SyncActionKind.MoveLocal or SyncActionKind.MoveRemote:
                var moved = Moved ?? throw new InvalidOperationException($"{Kind} of '{Path}' carries no entries to record.");
                return moved.Select(m => new BaseChange(m.From, null)).Concat(moved.Select(m => new BaseChange(m.To, m.Synced)));
            default:
                return [];
        }
    }

    /// <summary>Brings <paramref name="baseState"/> up to date once this action has succeeded (see <see cref="ToBaseChanges"/>).</summary>
    public void RecordIn(TreeSnapshot baseState)
    {
        ArgumentNullException.ThrowIfNull(baseState);
        foreach (var change in ToBaseChanges())
        {
            baseState.Apply(change);
        }
    }
}
