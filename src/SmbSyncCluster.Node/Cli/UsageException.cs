namespace SmbSyncCluster.Node.Cli;

/// <summary>Invalid usage or configuration: one line for stderr, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
