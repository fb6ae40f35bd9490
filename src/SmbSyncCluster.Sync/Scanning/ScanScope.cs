using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Scanning;

/// <summary>
/// Where an incremental run looks, from what watchers saw change: directories listed for their own
/// entries (shallow), or with everything under them (deep). A path is in scope when its directory is
/// listed, or one of its ancestors is listed deep; a run detects and plans only there, and takes the
/// rest of the tree as synced. A changed path puts its directory in scope (which sees it appear, go or
/// change), and itself when it is a directory: deep when its whole content may be new or gone.
/// </summary>
public sealed class ScanScope
{
    private readonly Dictionary<string, bool> _units = new(StringComparer.Ordinal);

    /// <summary>True when nothing is in scope.</summary>
    public bool IsEmpty => _units.Count == 0;

    /// <summary>How many directories are listed.</summary>
    public int Count => _units.Count;

    /// <summary>The directories listed, with whether everything under each is too, none under a deep one.</summary>
    public IEnumerable<(string Directory, bool Deep)> Units =>
        _units.Where(u => !UnderDeep(u.Key)).Select(u => (u.Key, u.Value));

    /// <summary>
    /// Notes a change at <paramref name="path"/> (relative, "" for the root). <paramref name="contentMayDiffer"/>:
    /// it appeared, went or was renamed, so whatever lies under it is looked at too.
    /// </summary>
    public void Changed(string path, bool contentMayDiffer)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            Add("", deep: contentMayDiffer);
            return;
        }
        Add(RelativePath.Parent(path).ToString(), deep: false);
        Add(path, deep: contentMayDiffer);
    }

    /// <summary>Notes that everything under <paramref name="directory"/> may have changed (a watcher lost events there).</summary>
    public void Everything(string directory) => Add(directory, deep: true);

    /// <summary>Takes in what <paramref name="other"/> holds.</summary>
    public void Merge(ScanScope other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (directory, deep) in other._units)
        {
            Add(directory, deep);
        }
    }

    /// <summary>True when <paramref name="directory"/> is listed (a deep listing reaches each directory under it).</summary>
    public bool Lists(string directory, out bool deep) => _units.TryGetValue(directory, out deep);

    /// <summary>True when <paramref name="path"/> is in scope: its directory is listed, or an ancestor deep.</summary>
    public bool Covers(ReadOnlySpan<char> path)
    {
        var lookup = _units.GetAlternateLookup<ReadOnlySpan<char>>();
        var parent = RelativePath.Parent(path);
        if (lookup.ContainsKey(parent))
        {
            return true;
        }
        return UnderDeep(parent, lookup);
    }

    /// <summary>The entries of <paramref name="tree"/> in scope: what the base says of the places a run looks at.</summary>
    public TreeSnapshot Within(TreeSnapshot tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var within = new TreeSnapshot();
        foreach (var (path, state) in tree)
        {
            if (Covers(path))
            {
                within.Add(path, state);
            }
        }
        return within;
    }

    private void Add(string directory, bool deep) => _units[directory] = deep || _units.GetValueOrDefault(directory);

    private bool UnderDeep(string directory) =>
        directory.Length > 0 && UnderDeep(RelativePath.Parent(directory), _units.GetAlternateLookup<ReadOnlySpan<char>>());

    /// <summary>True when <paramref name="directory"/> or one of its ancestors is listed deep.</summary>
    private static bool UnderDeep(ReadOnlySpan<char> directory, Dictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> units)
    {
        while (true)
        {
            if (units.TryGetValue(directory, out var deep) && deep)
            {
                return true;
            }
            if (directory.IsEmpty)
            {
                return false;
            }
            directory = RelativePath.Parent(directory);
        }
    }
}
