namespace SmbSyncCluster.Sync.Scanning;

/// <summary>What checksum mode learned by reading files before detection.</summary>
/// <param name="Fixes">Same path, same bytes, different times: the times to align once the plan runs.</param>
/// <param name="Moves">Files moved on one side whose time changed, found by their bytes.</param>
public sealed record ContentMatches(IReadOnlyList<MtimeFix> Fixes, IReadOnlyList<ContentMove> Moves);
