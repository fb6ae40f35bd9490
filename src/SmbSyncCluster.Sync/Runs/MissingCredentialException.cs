namespace SmbSyncCluster.Sync.Runs;

/// <summary>A job names a credential the node running it does not have: the run cannot connect, on any attempt.</summary>
/// <param name="name">The credential's name.</param>
public sealed class MissingCredentialException(string name)
    : Exception($"credential '{name}' is not configured on this node (set SMBSYNC_CREDENTIAL_<NAME> or a file in the credentials directory)");
