namespace SmbSyncCluster.Sync.Planning;

/// <summary>One step of a sync plan.</summary>
public enum SyncActionKind
{
    /// <summary>Copy the local file at the path to the remote (atomically, keeping its time).</summary>
    Upload,

    /// <summary>Copy the remote file at the path to the local side (atomically, keeping its time).</summary>
    Download,

    /// <summary>Delete the local file, or the local directory once empty (never recursively).</summary>
    DeleteLocal,

    /// <summary>Delete the remote file, or the remote directory once empty (never recursively).</summary>
    DeleteRemote,

    /// <summary>Create the directory locally.</summary>
    CreateLocalDirectory,

    /// <summary>Create the directory on the remote.</summary>
    CreateRemoteDirectory,

    /// <summary>Rename the local entry to the target path, which must not exist.</summary>
    RenameLocal,

    /// <summary>Rename the remote entry to the target path, which must not exist.</summary>
    RenameRemote,

    /// <summary>Touch neither side: both already agree, only the base records the state.</summary>
    RecordConverged,

    /// <summary>Touch neither side: the path is gone from both, only the base forgets it.</summary>
    ForgetBase,

    /// <summary>Leave the path as it is and report why.</summary>
    Skip,

    /// <summary>
    /// Carry out on the local side a rename or move made on the remote: rename the local entry (a file, or a
    /// directory with all it holds) to the target path, which must not exist, instead of copying and deleting.
    /// </summary>
    MoveLocal,

    /// <summary>Carry out on the remote a rename or move made locally (see <see cref="MoveLocal"/>).</summary>
    MoveRemote,
}
