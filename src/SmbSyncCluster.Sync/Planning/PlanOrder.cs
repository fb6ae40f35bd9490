using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// Puts actions in an order that can be executed step by step: conflict copies are renamed out of
/// the way before the name is reused, files are deleted before their directories and directories
/// deepest first, directories are created parent first before anything is transferred into them,
/// then skips, then the base-only steps. Moves go with the directory creations, in the order of the
/// paths they put an entry at, so that a move's target directory exists before it and an entry
/// created under a moved directory comes after it; a directory that held what was moved out of it is
/// deleted after them. Renames come before deletions so that a run that stops half-way never deleted
/// something whose conflict copy was not made yet.
/// </summary>
/// <remarks>
/// Within a phase, actions are in path order so that a dry run reads well and repeats exactly;
/// only the base-only steps, which may number millions on a first run and need no order, are not
/// sorted.
/// </remarks>
internal static class PlanOrder
{
    private const int DirectoryDeletions = 2;
    private const int DeletionsAfterMoves = 4;
    private const int BaseOnly = 7;

    public static List<SyncAction> Sort(List<SyncAction> actions)
    {
        var emptied = EmptiedByMoves(actions);
        var phases = actions.ToLookup(a => Phase(a, emptied));
        var ordered = new List<SyncAction>(actions.Count);
        for (var phase = 0; phase < BaseOnly; phase++)
        {
            // A directory sorts right before everything under it, so the reverse order deletes children first.
            ordered.AddRange(phase is DirectoryDeletions or DeletionsAfterMoves
                ? phases[phase].OrderByDescending(a => a.Path, StringComparer.Ordinal)
                : phases[phase].OrderBy(a => a.PlacedPath() ?? a.Path, StringComparer.Ordinal));
        }
        ordered.AddRange(phases[BaseOnly]);
        return ordered;
    }

    private static int Phase(SyncAction action, HashSet<(SyncSide, string)> emptied) => action.Kind switch
    {
        SyncActionKind.RenameLocal or SyncActionKind.RenameRemote => 0,
        SyncActionKind.DeleteLocal or SyncActionKind.DeleteRemote when action.Expected is { IsFile: true } => 1,
        SyncActionKind.DeleteLocal or SyncActionKind.DeleteRemote =>
            emptied.Contains((action.Writes()!.Value, action.Path)) ? DeletionsAfterMoves : DirectoryDeletions,
        SyncActionKind.CreateLocalDirectory or SyncActionKind.CreateRemoteDirectory or SyncActionKind.MoveLocal or SyncActionKind.MoveRemote => 3,
        SyncActionKind.Upload or SyncActionKind.Download => 5,
        SyncActionKind.Skip => 6,
        _ => BaseOnly,
    };

    /// <summary>The directories, by side, that something is moved out of.</summary>
    private static HashSet<(SyncSide, string)> EmptiedByMoves(List<SyncAction> actions)
    {
        var emptied = new HashSet<(SyncSide, string)>();
        foreach (var move in actions.Where(a => a.IsMove()))
        {
            var side = move.Writes()!.Value;
            var parent = RelativePath.Parent(move.Path);
            while (!parent.IsEmpty && emptied.Add((side, parent.ToString())))
            {
                parent = RelativePath.Parent(parent);
            }
        }
        return emptied;
    }
}
