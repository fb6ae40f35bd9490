using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Scanning;

/// <summary>A scanned tree and what could not be scanned.</summary>
/// <param name="Tree">Every file and directory kept by the filter.</param>
/// <param name="Issues">Per-item problems; the scan went on past them.</param>
/// <param name="UnreadableDirectories">Directories that could not be listed: their content is unknown, not deleted.</param>
public sealed record ScanResult(TreeSnapshot Tree, IReadOnlyList<ScanIssue> Issues, IReadOnlySet<string> UnreadableDirectories)
{
    /// <summary>Temporary files of atomic writes (<see cref="Stores.TempNames"/>) found in the tree: left by an interrupted run.</summary>
    public IReadOnlyList<string> TempFiles { get; init; } = [];

    /// <summary>Entries found but not followed (symbolic links, FIFOs, devices, undecodable names): the issues without an error.</summary>
    public IReadOnlySet<string> NotFollowed => Issues.Where(i => i.Error is null).Select(i => i.Path).ToHashSet(StringComparer.Ordinal);

    /// <summary>Where the side's content is unknown: directories that could not be listed, and entries not followed.</summary>
    public IReadOnlySet<string> Unknown => UnreadableDirectories.Union(NotFollowed, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
}
