using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Tests.Simulation;

/// <summary>
/// An in-memory file tree that behaves like a real one where the sync depends on it: entries need
/// an existing parent directory, a case-insensitive tree finds "A" under "a", names its rules reject
/// cannot be created, and a directory is only removed once empty.
/// </summary>
internal sealed class SimTree
{
    private readonly Dictionary<string, SimEntry> entries;

    public SimTree(NameRules rules)
    {
        Rules = rules;
        entries = new(rules.CaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    }

    public NameRules Rules { get; }

    public IEnumerable<SimEntry> Entries => entries.Values;

    public IReadOnlyList<SimEntry> Files => Sorted(e => e.State.IsFile);

    public IReadOnlyList<SimEntry> Directories => Sorted(e => !e.State.IsFile);

    public bool TryGet(string path, out SimEntry entry) => entries.TryGetValue(path, out entry);

    /// <summary>The entry stored under exactly this spelling, or null.</summary>
    public SimEntry? Exact(string path) => entries.TryGetValue(path, out var e) && e.Path == path ? e : null;

    public bool Exists(string path) => entries.ContainsKey(path);

    public bool HasChildren(string path) => entries.Keys.Any(k => k.StartsWith(path + "/", Rules.CaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    public bool ParentIsDirectory(string path)
    {
        var parent = RelativePath.Parent(path).ToString();
        return parent.Length == 0 || Exact(parent) is { State.IsFile: false };
    }

    public bool CanCreate(string path) => !Exists(path) && ParentIsDirectory(path) && Rules.Check(RelativePath.Name(path)) is null;

    public void Put(SimEntry entry) => entries[entry.Path] = entry;

    public void Remove(string path) => entries.Remove(path);

    /// <summary>Creates the missing parents of <paramref name="path"/>; false when one cannot exist.</summary>
    public bool MakeParents(string path, long ticks)
    {
        if (ParentIsDirectory(path))
        {
            return true;
        }
        var parent = RelativePath.Parent(path).ToString();
        if (!MakeParents(parent, ticks) || !CanCreate(parent))
        {
            return false;
        }
        Put(new SimEntry(parent, EntryState.OfDirectory(ticks), 0));
        return true;
    }

    public void RemoveTree(string path)
    {
        foreach (var key in entries.Keys.Where(k => k == path || k.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
        {
            entries.Remove(key);
        }
    }

    public TreeSnapshot Snapshot()
    {
        var snapshot = new TreeSnapshot(entries.Count);
        foreach (var entry in entries.Values)
        {
            snapshot.Add(entry.Path, entry.State);
        }
        return snapshot;
    }

    public SimTree Clone(NameRules rules)
    {
        var copy = new SimTree(rules);
        foreach (var entry in entries.Values)
        {
            copy.Put(entry);
        }
        return copy;
    }

    /// <summary>Paths, kinds and contents, in ordinal order: what "the same tree" means.</summary>
    public string[] Listing() =>
        entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal).Select(e => e.State.IsFile ? $"{e.Path} #{e.Content}" : $"{e.Path}/").ToArray();

    private SimEntry[] Sorted(Func<SimEntry, bool> filter) => entries.Values.Where(filter).OrderBy(e => e.Path, StringComparer.Ordinal).ToArray();
}
