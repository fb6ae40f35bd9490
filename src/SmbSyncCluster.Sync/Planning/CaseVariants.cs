using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// The changed paths that differ from another changed path only in case. Almost every run has none,
/// so a question about a path costs one lookup in an empty table.
/// </summary>
internal sealed class CaseVariants
{
    private readonly IReadOnlyList<Change> _changes;
    private readonly Dictionary<string, List<int>> _variants = new(StringComparer.OrdinalIgnoreCase);

    public CaseVariants(IReadOnlyList<Change> changes)
    {
        _changes = changes;
        var first = new Dictionary<string, int>(changes.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < changes.Count; i++)
        {
            if (first.TryAdd(changes[i].Path, i))
            {
                continue;
            }
            if (!_variants.TryGetValue(changes[i].Path, out var spellings))
            {
                _variants[changes[i].Path] = spellings = [first[changes[i].Path]];
            }
            spellings.Add(i);
        }
    }

    /// <summary>Whether <paramref name="side"/> holds a changed path equal to <paramref name="path"/> but for case, other than <paramref name="except"/>.</summary>
    public bool OtherOn(SyncSide side, string path, string except) =>
        _variants.TryGetValue(path, out var spellings)
        && spellings.Any(i => _changes[i].On(side) is not null && !string.Equals(_changes[i].Path, except, StringComparison.Ordinal));
}
