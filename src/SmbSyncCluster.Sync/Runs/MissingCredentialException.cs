namespace SmbSyncCluster.Sync.Runs;

/// <summary>A job names a credential the node running it does not have: the run cannot connect, on any attempt.</summary>
/// <param name="name">The credential's name, or null for the default one.</param>
public sealed class MissingCredentialException(string? name)
    : Exception(name is null
        ? "no password: the default credential is not configured on this node (set SMBSYNC_PASSWORD or a file named 'default' in the credentials directory)"
        : $"no password: credential '{name}' is not configured on this node (set SMBSYNC_CREDENTIAL_<NAME> or a file in the credentials directory)");
