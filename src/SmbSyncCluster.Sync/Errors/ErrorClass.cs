namespace SmbSyncCluster.Sync.Errors;

/// <summary>What a failure means for a run.</summary>
public enum ErrorClass
{
    /// <summary>Worth retrying with backoff: the connection dropped, the server was busy, the file was in use or changed mid-copy.</summary>
    Transient,
    /// <summary>This item cannot be synced (access denied, invalid name, vanished); record it and go on.</summary>
    ItemPermanent,
    /// <summary>No item can succeed (authentication, missing share, disk full, a server down past the reconnect budget): abort the run with the reason.</summary>
    RunFatal,
}
