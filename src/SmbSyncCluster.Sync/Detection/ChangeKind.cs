namespace SmbSyncCluster.Sync.Detection;

/// <summary>What happened to one path since the last sync, seen from both sides.</summary>
public enum ChangeKind
{
    /// <summary>New locally, absent on the remote and not tracked: to create on the remote.</summary>
    LocalAdded,

    /// <summary>New on the remote, absent locally and not tracked: to create locally.</summary>
    RemoteAdded,

    /// <summary>Changed locally, unchanged on the remote: to copy to the remote.</summary>
    LocalModified,

    /// <summary>Changed on the remote, unchanged locally: to copy locally.</summary>
    RemoteModified,

    /// <summary>Deleted locally, unchanged on the remote: to delete on the remote.</summary>
    LocalDeleted,

    /// <summary>Deleted on the remote, unchanged locally: to delete locally.</summary>
    RemoteDeleted,

    /// <summary>Changed locally but deleted on the remote: the change wins and is re-created on the remote.</summary>
    LocalModifiedRemoteDeleted,

    /// <summary>Changed on the remote but deleted locally: the change wins and is re-created locally.</summary>
    RemoteModifiedLocalDeleted,

    /// <summary>Both sides hold the same thing the base does not record (yet): only the base is updated.</summary>
    Converged,

    /// <summary>Deleted on both sides: only forgotten from the base.</summary>
    DeletedOnBoth,

    /// <summary>
    /// Both sides hold different things and both differ from the base (or there is no base), or one
    /// side is a file where the other is a directory.
    /// </summary>
    Conflict,

    /// <summary>Would be created on the remote, which cannot hold its name; <see cref="Change.Reason"/> says why.</summary>
    UnrepresentableOnRemote,

    /// <summary>Would be created locally, where its name cannot be held; <see cref="Change.Reason"/> says why.</summary>
    UnrepresentableOnLocal,
}
