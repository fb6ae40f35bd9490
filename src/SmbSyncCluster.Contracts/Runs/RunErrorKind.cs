namespace SmbSyncCluster.Contracts;

/// <summary>
/// Why an item is listed in a summary (<see cref="RunError.Kind"/>): how a failure is classed, or why a
/// skipped item was left alone. On the wire in kebab case ("unrepresentable-name").
/// </summary>
public enum RunErrorKind
{
    /// <summary>A failure still worth retrying (the connection dropped, the file was in use); the retries ran out.</summary>
    Transient,

    /// <summary>A failure of this item alone (access denied, an invalid name).</summary>
    Item,

    /// <summary>A failure no item could get past (authentication, a missing share).</summary>
    Fatal,

    /// <summary>Skipped: the scan did not go into it (a link not followed, a special file).</summary>
    NotScanned,

    /// <summary>Skipped: the side it would be created on cannot hold its name.</summary>
    UnrepresentableName,

    /// <summary>Skipped: a deletion held back because the other side changed the entry since the last sync.</summary>
    DeletionBlocked,

    /// <summary>Skipped: a conflict the policy leaves as it is.</summary>
    Conflict,
}
