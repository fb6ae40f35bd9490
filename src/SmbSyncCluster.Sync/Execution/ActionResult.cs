using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Sync.Execution;

/// <summary>What running one action did.</summary>
public enum ActionEffect
{
    /// <summary>Nothing to count (a directory, a rename, a deletion of something already gone, or a failure).</summary>
    None,
    /// <summary>A file was copied to the remote.</summary>
    Uploaded,
    /// <summary>A file was copied to the local side.</summary>
    Downloaded,
    /// <summary>A local file was deleted.</summary>
    DeletedLocalFile,
    /// <summary>A remote file was deleted.</summary>
    DeletedRemoteFile,
    /// <summary>An entry was renamed to where the other side moved it (<see cref="SyncAction.MovedFiles"/> files).</summary>
    Moved,
    /// <summary>
    /// A file taken for a moved one turned out to hold other bytes: copied to the target and deleted at the
    /// source instead (one file copied and one deleted, on the side the move was for).
    /// </summary>
    CopiedInsteadOfMoved,
}

/// <summary>The outcome of one action: its effect, or its failure after the retries.</summary>
/// <param name="Action">The action.</param>
/// <param name="Effect">What it did when it succeeded.</param>
/// <param name="Failure">Why it failed, or null.</param>
public sealed record ActionResult(SyncAction Action, ActionEffect Effect, ItemFailure? Failure);
