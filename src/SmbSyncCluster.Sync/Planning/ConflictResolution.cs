using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// Which version of a conflicting path keeps its name, and whether the other one survives as a
/// conflict copy. A null <see cref="Winner"/> means the conflict is left alone.
/// </summary>
internal readonly record struct ConflictResolution(SyncSide? Winner, bool KeepLoser)
{
    private static readonly ConflictResolution LeaveAlone = new(null, false);

    /// <summary>
    /// A file never replaces a directory nor the reverse, under any policy but skip: the directory
    /// may hold content of its own, so it keeps the name and the file becomes the conflict copy.
    /// Keep-both gives the name to the newer version in mirror mode and to the mode's source in a
    /// one-way mode; newer falls back to keep-both when both times are equal.
    /// </summary>
    public static ConflictResolution Decide(Change conflict, PlanOptions options)
    {
        var local = conflict.Local!.Value;
        var remote = conflict.Remote!.Value;
        if (options.ConflictPolicy == ConflictPolicy.Skip)
        {
            return LeaveAlone;
        }
        if (local.Kind != remote.Kind)
        {
            return new(local.IsFile ? SyncSide.Remote : SyncSide.Local, KeepLoser: true);
        }
        var newer = local.ModifiedTicks == remote.ModifiedTicks ? (SyncSide?)null
            : local.ModifiedTicks > remote.ModifiedTicks ? SyncSide.Local
            : SyncSide.Remote;
        var keepBothWinner = options.Mode.Source() ?? newer ?? SyncSide.Local;
        return options.ConflictPolicy switch
        {
            ConflictPolicy.Newer when newer is { } side => new(side, KeepLoser: false),
            ConflictPolicy.Local => new(SyncSide.Local, KeepLoser: false),
            ConflictPolicy.Remote => new(SyncSide.Remote, KeepLoser: false),
            _ => new(keepBothWinner, KeepLoser: true),
        };
    }
}
