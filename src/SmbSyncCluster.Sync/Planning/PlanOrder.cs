namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// Puts actions in an order that can be executed step by step: conflict copies are renamed out of
/// the way before the name is reused, files are deleted before their directories and directories
/// deepest first, directories are created parent first before anything is transferred into them,
/// then skips, then the base-only steps. Renames come before deletions so that a run that stops
/// half-way never deleted something whose conflict copy was not made yet.
/// </summary>
/// <remarks>
/// Within a phase, actions are in path order so that a dry run reads well and repeats exactly;
/// only the base-only steps, which may number millions on a first run and need no order, are not
/// sorted.
/// </remarks>
internal static class PlanOrder
{
    private const int BaseOnly = 6;

    public static List<SyncAction> Sort(List<SyncAction> actions)
    {
        var phases = actions.ToLookup(Phase);
        var ordered = new List<SyncAction>(actions.Count);
        for (var phase = 0; phase < BaseOnly; phase++)
        {
            // A directory sorts right before everything under it, so the reverse order deletes children first.
            ordered.AddRange(phase == 2
                ? phases[phase].OrderByDescending(a => a.Path, StringComparer.Ordinal)
                : phases[phase].OrderBy(a => a.Path, StringComparer.Ordinal));
        }
        ordered.AddRange(phases[BaseOnly]);
        return ordered;
    }

    private static int Phase(SyncAction action) => action.Kind switch
    {
        SyncActionKind.RenameLocal or SyncActionKind.RenameRemote => 0,
        SyncActionKind.DeleteLocal or SyncActionKind.DeleteRemote => action.Expected is { IsFile: true } ? 1 : 2,
        SyncActionKind.CreateLocalDirectory or SyncActionKind.CreateRemoteDirectory => 3,
        SyncActionKind.Upload or SyncActionKind.Download => 4,
        SyncActionKind.Skip => 5,
        _ => BaseOnly,
    };
}
