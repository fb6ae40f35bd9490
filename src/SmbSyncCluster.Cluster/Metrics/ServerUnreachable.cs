namespace SmbSyncCluster.Cluster.Metrics;

/// <summary>
/// Published by a run that ended because this node could not reach its job's SMB server (refused, timed
/// out, or down past the reconnect budget): a node cut off from one server while others reach it shows
/// in its own metrics, beside the run's reason in the job's status.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Server">The server's host and port.</param>
public sealed record ServerUnreachable(string JobId, string Server);
