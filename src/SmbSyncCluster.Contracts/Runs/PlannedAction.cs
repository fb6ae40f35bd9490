namespace SmbSyncCluster.Contracts;

/// <summary>One step of a run's plan, as a summary lists it (<see cref="RunSummary.Plan"/>).</summary>
/// <param name="Path">The relative path acted on (the source of a rename or move).</param>
/// <param name="Action">What the step does, by the name of its kind in kebab case ("upload", "delete-remote", "rename-local").</param>
public sealed record PlannedAction(string Path, string Action)
{
    /// <summary>Where a rename or move puts the entry; null for every other step.</summary>
    public string? Target { get; init; }

    /// <summary>Why a skipped path is left alone ("conflict", "unrepresentable-name", "deletion-blocked"); null for every other step.</summary>
    public string? Reason { get; init; }
}
