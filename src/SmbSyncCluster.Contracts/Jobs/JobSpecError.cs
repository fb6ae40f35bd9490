namespace SmbSyncCluster.Contracts;

/// <summary>One reason a job spec is refused: the field and what is wrong with it.</summary>
/// <param name="Field">The spec field, as the JSON names it (e.g. "remote").</param>
/// <param name="Reason">One line for the user.</param>
public sealed record JobSpecError(string Field, string Reason);
