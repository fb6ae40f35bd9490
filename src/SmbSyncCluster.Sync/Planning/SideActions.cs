using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>Builds actions by side, so side-symmetric planning is written once.</summary>
internal static class SideActions
{
    /// <summary>Makes <paramref name="path"/> on <paramref name="to"/> what <paramref name="source"/> is on the other side.</summary>
    public static SyncAction Place(SyncSide to, string path, EntryState source, EntryState? replaces) =>
        source.IsFile
            ? new(to == SyncSide.Remote ? SyncActionKind.Upload : SyncActionKind.Download, path) { Expected = source, Replaces = replaces }
            : new(to == SyncSide.Remote ? SyncActionKind.CreateRemoteDirectory : SyncActionKind.CreateLocalDirectory, path) { Expected = source };

    public static SyncAction Delete(SyncSide on, string path, EntryState state) =>
        new(on == SyncSide.Remote ? SyncActionKind.DeleteRemote : SyncActionKind.DeleteLocal, path) { Expected = state };

    public static SyncAction Rename(SyncSide on, string path, string target, EntryState state) =>
        new(on == SyncSide.Remote ? SyncActionKind.RenameRemote : SyncActionKind.RenameLocal, path) { TargetPath = target, Expected = state };

    /// <summary>Renames on <paramref name="on"/> what the other side moved: <paramref name="moved"/>'s first entry, carrying the others along.</summary>
    public static SyncAction Move(SyncSide on, IReadOnlyList<MovedEntry> moved) =>
        new(on == SyncSide.Remote ? SyncActionKind.MoveRemote : SyncActionKind.MoveLocal, moved[0].From)
        {
            TargetPath = moved[0].To,
            Expected = moved[0].There,
            Moved = moved,
        };

    public static SyncAction Skip(string path, SkipReason reason, string message) =>
        new(SyncActionKind.Skip, path) { SkipReason = reason, Message = message };

    /// <summary>Whether the action puts an entry at its path (a transfer or a directory creation).</summary>
    public static bool IsPlacement(this SyncAction action) =>
        action.Kind is SyncActionKind.Upload or SyncActionKind.Download or SyncActionKind.CreateLocalDirectory or SyncActionKind.CreateRemoteDirectory;

    /// <summary>Whether the action carries out a move made on the other side.</summary>
    public static bool IsMove(this SyncAction action) => action.Kind is SyncActionKind.MoveLocal or SyncActionKind.MoveRemote;

    /// <summary>The path the action puts an entry at: a placement's path, a move's target; null for other actions.</summary>
    public static string? PlacedPath(this SyncAction action) =>
        action.IsPlacement() ? action.Path : action.IsMove() ? action.TargetPath : null;

    /// <summary>The side whose tree the action changes; null for base-only actions and skips.</summary>
    public static SyncSide? Writes(this SyncAction action) => action.Kind switch
    {
        SyncActionKind.Upload or SyncActionKind.DeleteRemote or SyncActionKind.CreateRemoteDirectory or SyncActionKind.RenameRemote
            or SyncActionKind.MoveRemote => SyncSide.Remote,
        SyncActionKind.Download or SyncActionKind.DeleteLocal or SyncActionKind.CreateLocalDirectory or SyncActionKind.RenameLocal
            or SyncActionKind.MoveLocal => SyncSide.Local,
        _ => null,
    };
}
