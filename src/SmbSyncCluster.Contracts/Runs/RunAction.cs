namespace SmbSyncCluster.Contracts;

/// <summary>What a run was doing to an item it lists in a summary (<see cref="RunError.Action"/>); on the wire in kebab case ("delete-local").</summary>
public enum RunAction
{
    /// <summary>Copying the local file to the remote.</summary>
    Upload,

    /// <summary>Copying the remote file to the local side.</summary>
    Download,

    /// <summary>Deleting the local entry.</summary>
    DeleteLocal,

    /// <summary>Deleting the remote entry.</summary>
    DeleteRemote,

    /// <summary>Creating the local directory.</summary>
    MkdirLocal,

    /// <summary>Creating the remote directory.</summary>
    MkdirRemote,

    /// <summary>Renaming the local entry.</summary>
    RenameLocal,

    /// <summary>Renaming the remote entry.</summary>
    RenameRemote,

    /// <summary>Nothing: the item was left alone (<see cref="RunError.Kind"/> says why).</summary>
    Skip,

    /// <summary>Listing a directory that could not be read, so its content was not synced.</summary>
    Scan,

    /// <summary>Renaming the local entry to where the remote one was moved.</summary>
    MoveLocal,

    /// <summary>Renaming the remote entry to where the local one was moved.</summary>
    MoveRemote,
}
