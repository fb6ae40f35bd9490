using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Runs;

/// <summary>A job's spec oversteps the limits of the node about to run it (see <c>NodeLimits</c>): the run opens nothing.</summary>
/// <param name="problems">What is refused, field by field.</param>
public sealed class SpecRefusedException(IReadOnlyList<JobSpecError> problems)
    : Exception("refused by this node: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}")))
{
    /// <summary>What is refused, field by field.</summary>
    public IReadOnlyList<JobSpecError> Problems { get; } = problems;
}
