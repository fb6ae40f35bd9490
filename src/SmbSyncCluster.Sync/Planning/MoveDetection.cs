using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// Finds the renames and moves a user made on one side, so that the other side renames too instead of
/// copying everything again and deleting the old paths (which would also trip the max-delete guard).
/// A file deleted at one path and one added at another are the same file when they have the same size
/// and write times within the tolerance, and neither could be taken for any other file on either list;
/// a directory deleted whose whole content appeared, path for path, under one added directory moved as a
/// whole. In checksum mode a file whose time changed as it moved is matched by its bytes
/// (<see cref="PlanOptions.ContentMoves"/>). Anything less certain stays a deletion and an addition: a missed rename costs a copy, a wrong
/// one would put one file's content under another's name.
/// </summary>
public static class MoveDetection
{
    /// <summary>
    /// The moves among <paramref name="changes"/>, for the sides <paramref name="options"/>' mode writes,
    /// and the changes they do not explain.
    /// </summary>
    /// <param name="changes">What <see cref="ChangeDetector.Detect"/> found.</param>
    /// <param name="options">The mode and the time tolerance.</param>
    public static (List<SyncAction> Moves, IReadOnlyList<Change> Unexplained) Find(IReadOnlyList<Change> changes, PlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(options);
        var moves = new List<SyncAction>();
        var consumed = new bool[changes.Count];
        CaseVariants? caseVariants = null;
        foreach (var movedOn in new[] { SyncSide.Local, SyncSide.Remote })
        {
            if (options.Mode.Writes(movedOn.Other()))
            {
                new SideMoves(changes, movedOn, options.MtimeTolerance.Ticks, consumed, () => caseVariants ??= new CaseVariants(changes), options.ContentMoves).Find(moves);
            }
        }
        return moves.Count == 0 ? (moves, changes) : (moves, [.. changes.Where((_, i) => !consumed[i])]);
    }
}
