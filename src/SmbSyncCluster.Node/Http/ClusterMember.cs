namespace SmbSyncCluster.Node.Http;

/// <summary>One member of the cluster.</summary>
/// <param name="Address">Its address, as a job's <c>node</c> names it.</param>
/// <param name="Status">joining, up, leaving, exiting, down, removed, ...</param>
/// <param name="Reachable">Whether the member that answered reaches it.</param>
/// <param name="Roles">Its roles.</param>
public sealed record ClusterMember(string Address, string Status, bool Reachable, IReadOnlyList<string> Roles);
