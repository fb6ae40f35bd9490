namespace SmbSyncCluster.Node.Http;

/// <summary>The cluster as one member sees it.</summary>
/// <param name="Self">The address of the member that answered.</param>
/// <param name="Leader">The leader's address, if there is one.</param>
/// <param name="Members">Every member, by address.</param>
public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<ClusterMember> Members)
{
    /// <summary>What <paramref name="cluster"/> knows now.</summary>
    public static ClusterView Of(Akka.Cluster.Cluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        return new ClusterView(
            cluster.SelfAddress.ToString(),
            state.Leader?.ToString(),
            [.. state.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
                .Select(m => new ClusterMember(m.Address.ToString(), m.Status.ToString().ToLowerInvariant(), !unreachable.Contains(m.Address), [.. m.Roles]))]);
    }
}
