using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Sync.Tests.Support;

internal static class ActionSides
{
    /// <summary>Whether the action changes a tree, as opposed to the base only or nothing.</summary>
    public static bool Writes(this SyncAction action) =>
        action.Kind is not (SyncActionKind.RecordConverged or SyncActionKind.ForgetBase or SyncActionKind.Skip);
}
