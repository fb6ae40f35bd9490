namespace SmbSyncCluster.Sync.Planning;

/// <summary>Why a plan leaves a path alone.</summary>
public enum SkipReason
{
    /// <summary>A conflict the policy leaves as is, or cannot resolve with the sides the mode may write.</summary>
    Conflict,

    /// <summary>The side the path would be created on cannot hold its name.</summary>
    Unrepresentable,

    /// <summary>
    /// A deletion the mode would propagate, held back because the other side changed the entry (or
    /// has content under the directory) since the last sync.
    /// </summary>
    DeletionBlocked,
}
