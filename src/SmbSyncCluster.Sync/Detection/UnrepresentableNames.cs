using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Detection;

/// <summary>
/// Turns changes that would create a path on a side that cannot hold its name into
/// unrepresentable changes: a rejected character, a name equal except for case to another one on a
/// case-insensitive side, or a parent directory that is itself unrepresentable. A tracked path with
/// such a name that the side's listing lacks is one too, rather than a deletion.
/// </summary>
internal static class UnrepresentableNames
{
    /// <summary>
    /// Replaces, in <paramref name="changes"/>, those creating a name <paramref name="side"/> cannot hold,
    /// or a path at or under an entry it did not follow (<paramref name="notFollowed"/>).
    /// </summary>
    public static void Mark(List<Change> changes, SyncSide side, NameRules rules, IReadOnlySet<string> notFollowed, DetectedTrees trees)
    {
        KeepUnlisted(changes, side, rules);
        var creations = Creations(changes, side);
        if (creations.Count == 0)
        {
            return;
        }
        var reasons = new Dictionary<int, string>();
        var where = side.Describe();
        foreach (var i in creations)
        {
            if (RelativePath.SelfOrAncestorIn(changes[i].Path, notFollowed) is { } inTheWay)
            {
                reasons[i] = $"'{inTheWay}' on the {where} side is a symbolic link or special file, which is not followed";
            }
            else if (rules.Check(RelativePath.Name(changes[i].Path)) is { } problem)
            {
                reasons[i] = $"the {where} side cannot hold {problem}";
            }
        }
        if (rules.CaseInsensitive)
        {
            FindCaseClashes(changes, creations, side, trees, reasons);
        }
        if (reasons.Count == 0)
        {
            return;
        }
        InheritFromParents(changes, creations, where, reasons);
        var kind = side == SyncSide.Remote ? ChangeKind.UnrepresentableOnRemote : ChangeKind.UnrepresentableOnLocal;
        foreach (var (i, reason) in reasons)
        {
            changes[i] = changes[i] with { Kind = kind, Reason = reason };
        }
    }

    /// <summary>
    /// A side lists a name it cannot hold under another one (Samba shows <c>aux.c</c> as an 8.3 name
    /// such as <c>A1B2C3~X.C</c>), so a tracked path with such a name is missing from its listing
    /// while the file is still there. Taking that for a deletion would delete the file on the other
    /// side: it is left alone and reported instead.
    /// </summary>
    private static void KeepUnlisted(List<Change> changes, SyncSide side, NameRules rules)
    {
        var (deleted, unrepresentable) = side == SyncSide.Remote
            ? (ChangeKind.RemoteDeleted, ChangeKind.UnrepresentableOnRemote)
            : (ChangeKind.LocalDeleted, ChangeKind.UnrepresentableOnLocal);
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].Kind == deleted && rules.CheckPath(changes[i].Path) is { } problem)
            {
                changes[i] = changes[i] with
                {
                    Kind = unrepresentable,
                    Reason = $"the {side.Describe()} side cannot hold {problem} and lists it under another name, so it is not taken for deleted",
                };
            }
        }
    }

    /// <summary>
    /// Indices of the changes that create their path on <paramref name="side"/>: additions and
    /// modifications that win over a deletion there, plus the directories deleted there that such a
    /// creation needs back as its parents.
    /// </summary>
    private static List<int> Creations(List<Change> changes, SyncSide side)
    {
        var (added, modifiedDeleted, deletedHere) = side == SyncSide.Remote
            ? (ChangeKind.LocalAdded, ChangeKind.LocalModifiedRemoteDeleted, ChangeKind.RemoteDeleted)
            : (ChangeKind.RemoteAdded, ChangeKind.RemoteModifiedLocalDeleted, ChangeKind.LocalDeleted);
        var creations = new List<int>();
        var deletedDirectories = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (change.Kind == added || change.Kind == modifiedDeleted)
            {
                creations.Add(i);
            }
            else if (change.Kind == deletedHere && change.On(side.Other()) is { IsFile: false })
            {
                deletedDirectories.Add(change.Path, i);
            }
        }
        if (deletedDirectories.Count == 0 || creations.Count == 0)
        {
            return creations;
        }
        var lookup = deletedDirectories.GetAlternateLookup<ReadOnlySpan<char>>();
        var needed = new HashSet<int>();
        foreach (var i in creations)
        {
            for (var parent = RelativePath.Parent(changes[i].Path); !parent.IsEmpty; parent = RelativePath.Parent(parent))
            {
                if (lookup.TryGetValue(parent, out var directory))
                {
                    needed.Add(directory);
                }
            }
        }
        creations.AddRange(needed);
        return creations;
    }

    /// <summary>
    /// A created name clashes with another created name equal but for case (both are reported: the
    /// run cannot tell which one the user means to keep), or with a name already on the side that is
    /// not being deleted first. Only the created names are indexed, so the pass over the side's
    /// snapshot costs one case-insensitive hash per entry.
    /// </summary>
    private static void FindCaseClashes(List<Change> changes, List<int> creations, SyncSide side, DetectedTrees trees, Dictionary<int, string> reasons)
    {
        var where = side.Describe();
        var created = new Dictionary<string, int>(creations.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var i in creations)
        {
            var path = changes[i].Path;
            if (!created.TryAdd(path, i))
            {
                var first = created[path];
                reasons.TryAdd(first, $"'{changes[i].Path}' differs from it only in case and the {where} side does not tell them apart");
                reasons.TryAdd(i, $"'{changes[first].Path}' differs from it only in case and the {where} side does not tell them apart");
            }
        }
        foreach (var (existing, _) in trees.Of(side))
        {
            if (created.TryGetValue(existing, out var i)
                && !string.Equals(existing, changes[i].Path, StringComparison.Ordinal)
                && !trees.IsPendingDeletion(existing, side))
            {
                reasons.TryAdd(i, $"'{existing}' on the {where} side differs from it only in case");
            }
        }
    }

    /// <summary>A path under a directory that cannot be created cannot be created either.</summary>
    private static void InheritFromParents(List<Change> changes, List<int> creations, string where, Dictionary<int, string> reasons)
    {
        var blocked = new HashSet<string>(reasons.Keys.Select(i => changes[i].Path), StringComparer.Ordinal);
        var lookup = blocked.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var i in creations)
        {
            if (reasons.ContainsKey(i))
            {
                continue;
            }
            var path = changes[i].Path.AsSpan();
            for (var parent = RelativePath.Parent(path); !parent.IsEmpty; parent = RelativePath.Parent(parent))
            {
                if (lookup.TryGetValue(parent, out var directory))
                {
                    reasons[i] = $"its directory '{directory}' cannot be created on the {where} side";
                    break;
                }
            }
        }
    }
}
