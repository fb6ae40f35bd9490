namespace SmbSyncCluster.Sync.Jobs;

/// <summary>What a job demands of its SMB traffic, beyond what the server itself requires (URL option <c>protection</c>).</summary>
public enum SmbProtection
{
    /// <summary>Sign or encrypt when the server requires it.</summary>
    Default,

    /// <summary>Every message signed: tampering is detected, contents still travel in the clear.</summary>
    Sign,

    /// <summary>Every message encrypted (SMB 3.x): a server that cannot encrypt is refused.</summary>
    Encrypt,
}
