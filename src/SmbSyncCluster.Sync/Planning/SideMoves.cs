using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Scanning;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// The moves made on one side (<see cref="MoveDetection"/>): pairs of a change deleted there (and
/// unchanged on the other side, so the other side still holds what the base says) with a change added
/// there (absent from the other side, so the rename there clobbers nothing). Matched changes are marked
/// in <c>consumed</c>.
/// </summary>
internal sealed class SideMoves
{
    /// <summary>
    /// Most candidates one key may have before it is given up as ambiguous: a directory of empty files
    /// with one time, say, should not cost a verification of every directory holding such a file.
    /// </summary>
    private const int MaxCandidates = 8;

    /// <summary>Files of a deleted directory tried as a key to find where it went.</summary>
    private const int KeysTried = 4;

    private readonly IReadOnlyList<Change> _changes;
    private readonly SyncSide _movedOn;
    private readonly SyncSide _renamedOn;
    private readonly long _tolerance;
    private readonly bool[] _consumed;
    private readonly List<int> _gone = [];
    private readonly List<int> _appeared = [];
    private readonly Func<CaseVariants> _caseVariants;
    private readonly IReadOnlyList<ContentMove> _contentMoves;
    private HashSet<string> _fileThere = null!;

    /// <param name="changes">Every change of the run.</param>
    /// <param name="movedOn">The side whose moves are looked for.</param>
    /// <param name="tolerance">Largest write-time difference, in ticks, of one file.</param>
    /// <param name="consumed">Changes already explained by a move, marked as more are.</param>
    /// <param name="caseVariants">The case variants among <paramref name="changes"/>, worked out on the first call, which only a run with a likely move makes.</param>
    /// <param name="contentMoves">The moves checksum mode found by reading files.</param>
    public SideMoves(IReadOnlyList<Change> changes, SyncSide movedOn, long tolerance, bool[] consumed, Func<CaseVariants> caseVariants, IReadOnlyList<ContentMove> contentMoves)
    {
        _contentMoves = contentMoves;
        _changes = changes;
        _caseVariants = caseVariants;
        _movedOn = movedOn;
        _renamedOn = movedOn.Other();
        _tolerance = tolerance;
        _consumed = consumed;
        var (deleted, added) = movedOn == SyncSide.Local
            ? (ChangeKind.LocalDeleted, ChangeKind.LocalAdded)
            : (ChangeKind.RemoteDeleted, ChangeKind.RemoteAdded);
        for (var i = 0; i < changes.Count; i++)
        {
            if (consumed[i])
            {
                continue;
            }
            if (changes[i].Kind == deleted)
            {
                _gone.Add(i);
            }
            else if (changes[i].Kind == added)
            {
                _appeared.Add(i);
            }
        }
    }

    /// <summary>Adds the moves found to <paramref name="moves"/>: whole directories first, then single files.</summary>
    public void Find(List<SyncAction> moves)
    {
        if (_gone.Count == 0 || _appeared.Count == 0)
        {
            return;
        }

        _fileThere = _changes.Where(c => c.Kind == ChangeKind.Conflict && c.On(_renamedOn)!.Value.IsFile).Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        FindDirectories(moves);
        FindFiles(moves);
    }

    /// <summary>
    /// Whether the rename can be carried out where every other step of the run leaves room for it. Not when
    /// the source's name, or a directory's above it, comes back in another case on that side (a side that
    /// does not tell case apart would find the source there), nor when another entry there differs from
    /// the target only in case, nor when a file stays there where the target needs a directory; nor when a
    /// directory renamed only in case would still be in the way (see <see cref="CaseRenames"/>): nothing
    /// may move out of it into the new name.
    /// </summary>
    private bool CanRename(string from, string to)
    {
        if (_caseVariants().OtherOn(_renamedOn, to, except: from))
        {
            return false;
        }
        for (var path = from; path.Length > 0; path = RelativePath.Parent(path).ToString())
        {
            if (_caseVariants().OtherOn(_movedOn, path, except: path))
            {
                return false;
            }
        }
        var lookup = _fileThere.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var parent = RelativePath.Parent(to); !parent.IsEmpty; parent = RelativePath.Parent(parent))
        {
            if (lookup.Contains(parent))
            {
                return false;
            }
        }
        var fromParent = RelativePath.Parent(from);
        var toParent = RelativePath.Parent(to);
        return fromParent.SequenceEqual(toParent) || !fromParent.Equals(toParent, StringComparison.OrdinalIgnoreCase);
    }

    private string PathOf(int change) => _changes[change].Path;

    /// <summary>What the base (and so the side the rename happens on) holds at a deleted path.</summary>
    private EntryState Was(int gone) => _changes[gone].Base!.Value;

    /// <summary>What the side the user moved on holds at an added path.</summary>
    private EntryState Now(int appeared) => _changes[appeared].On(_movedOn)!.Value;

    private MovedEntry Entry(int gone, int appeared) =>
        new(PathOf(gone), PathOf(appeared), _changes[gone].On(_renamedOn)!.Value, Now(appeared));

    private bool SameFile(EntryState was, EntryState now) =>
        was.Kind == now.Kind && (!was.IsFile || (was.Size == now.Size && Math.Abs(was.ModifiedTicks - now.ModifiedTicks) <= _tolerance));

    private void FindFiles(List<SyncAction> moves)
    {
        var gone = _gone.Where(i => !_consumed[i] && Was(i).IsFile).ToList();
        var appeared = _appeared.Where(i => !_consumed[i] && Now(i).IsFile).ToList();
        if (gone.Count == 0 || appeared.Count == 0)
        {
            return;
        }
        var appearedByKey = new FileKeyIndex(appeared.Select(i => (Now(i), i)));
        var goneByKey = new FileKeyIndex(gone.Select(i => (Was(i), i)));
        var byContent = ByContent(appeared);
        foreach (var from in gone)
        {
            // One candidate each way: the file that appeared could not be any other file that went either.
            // Without one by size and time, the one the bytes name, if the sizes still agree with this scan.
            var near = appearedByKey.Near(Was(from), _tolerance);
            int to;
            if (near is [var (_, timed)] && goneByKey.Near(Now(timed), _tolerance).Length == 1)
            {
                to = timed;
            }
            else if (near.IsEmpty && byContent.TryGetValue(PathOf(from), out var read)
                && Now(read).Size == Was(from).Size && goneByKey.Near(Now(read), _tolerance).IsEmpty)
            {
                to = read;
            }
            else
            {
                continue;
            }
            if (!CanRename(PathOf(from), PathOf(to)))
            {
                continue;
            }
            _consumed[from] = _consumed[to] = true;
            moves.Add(SideActions.Move(_renamedOn, [Entry(from, to)]));
        }
    }

    /// <summary>The changes among <paramref name="appeared"/> that checksum mode found by content, by the path they moved from.</summary>
    private Dictionary<string, int> ByContent(List<int> appeared)
    {
        var byContent = new Dictionary<string, int>(StringComparer.Ordinal);
        if (_contentMoves.Count == 0)
        {
            return byContent;
        }
        var at = appeared.ToDictionary(PathOf, i => i, StringComparer.Ordinal);
        foreach (var move in _contentMoves)
        {
            if (move.MovedOn == _movedOn && at.TryGetValue(move.To, out var to))
            {
                byContent[move.From] = to;
            }
        }
        return byContent;
    }

    private void FindDirectories(List<SyncAction> moves)
    {
        var goneDirectories = _gone.Where(i => !Was(i).IsFile).ToList();
        if (goneDirectories.Count == 0 || !_appeared.Any(i => !Now(i).IsFile))
        {
            return;
        }
        var gone = _gone.OrderBy(PathOf, StringComparer.Ordinal).ToArray();
        var gonePaths = gone.Select(PathOf).ToArray();
        var appearedAt = _appeared.ToDictionary(PathOf, i => i, StringComparer.Ordinal);
        var appearedByKey = new FileKeyIndex(_appeared.Where(i => Now(i).IsFile).Select(i => (Now(i), i)));
        var disturbed = Disturbed(goneDirectories.Select(PathOf).ToHashSet(StringComparer.Ordinal));

        var pairs = new List<(int Directory, int Target, Range Content)>();
        foreach (var directory in goneDirectories)
        {
            var path = PathOf(directory);
            if (disturbed.Contains(path))
            {
                continue;
            }
            var content = Subtree(gonePaths, path);
            foreach (var target in Targets(path, gone.AsSpan(content), appearedAt, appearedByKey))
            {
                if (Holds(path, gone.AsSpan(content), target, appearedAt))
                {
                    pairs.Add((directory, target, content));
                }
            }
        }

        // A directory moves when it has one place to go, and that place one directory coming; outer first,
        // which carries the inner ones along.
        var claims = pairs.CountBy(p => p.Target).ToDictionary();
        var byDirectory = pairs.GroupBy(p => p.Directory)
            .OrderBy(g => PathOf(g.Key).Count(c => c == '/')).ThenBy(g => PathOf(g.Key), StringComparer.Ordinal);
        foreach (var group in byDirectory)
        {
            if (group.Count() != 1)
            {
                continue;
            }
            var (directory, target, content) = group.Single();
            if (claims[target] != 1 || _consumed[directory] || !CanRename(PathOf(directory), PathOf(target))
                || !Holds(PathOf(directory), gone.AsSpan(content), target, appearedAt))
            {
                continue;
            }
            var moved = new List<MovedEntry>(content.GetOffsetAndLength(gone.Length).Length + 1) { Entry(directory, target) };
            _consumed[directory] = _consumed[target] = true;
            foreach (var from in gone.AsSpan(content))
            {
                var to = appearedAt[PathOf(target) + PathOf(from)[PathOf(directory).Length..]];
                moved.Add(Entry(from, to));
                _consumed[from] = _consumed[to] = true;
            }
            moves.Add(SideActions.Move(_renamedOn, moved));
        }
    }

    /// <summary>
    /// The deleted directories with a change under them that is not a deletion on the side moved on: the
    /// other side holds something there the base does not (or holds it changed), which a rename would
    /// carry along to where it does not belong.
    /// </summary>
    private HashSet<string> Disturbed(HashSet<string> goneDirectories)
    {
        var disturbed = new HashSet<string>(StringComparer.Ordinal);
        var gone = goneDirectories.GetAlternateLookup<ReadOnlySpan<char>>();
        // Changes come many to a directory: a walk up stops at the first directory an earlier walk passed.
        var visited = new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var deleted = _changes[_gone[0]].Kind;
        foreach (var change in _changes)
        {
            // Under a directory gone from the side moved on, that side holds nothing.
            if (change.Kind == deleted || change.On(_movedOn) is not null)
            {
                continue;
            }
            for (var parent = RelativePath.Parent(change.Path); !parent.IsEmpty && visited.Add(parent); parent = RelativePath.Parent(parent))
            {
                if (gone.TryGetValue(parent, out var directory))
                {
                    disturbed.Add(directory);
                }
            }
        }
        return disturbed;
    }

    /// <summary>The range of <paramref name="sorted"/> (ordinal order) holding the paths under <paramref name="directory"/>.</summary>
    private static Range Subtree(string[] sorted, string directory)
    {
        var prefix = directory + "/";
        var from = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
        from = from < 0 ? ~from : from;
        var to = from;
        while (to < sorted.Length && sorted[to].StartsWith(prefix, StringComparison.Ordinal))
        {
            to++;
        }
        return from..to;
    }

    /// <summary>
    /// The added directories <paramref name="directory"/> may have gone to: where a file of its content
    /// appeared under the same relative path. None when its files are too common to tell.
    /// </summary>
    private List<int> Targets(string directory, ReadOnlySpan<int> content, Dictionary<string, int> appearedAt, FileKeyIndex appearedByKey)
    {
        var tried = 0;
        foreach (var from in content)
        {
            if (!Was(from).IsFile)
            {
                continue;
            }
            if (++tried > KeysTried)
            {
                break;
            }
            var near = appearedByKey.Near(Was(from), _tolerance);
            if (near.Length > MaxCandidates)
            {
                continue;
            }
            var relative = PathOf(from).AsSpan(directory.Length);
            var targets = new List<int>();
            foreach (var (_, to) in near)
            {
                var path = PathOf(to);
                if (path.Length > relative.Length && path.AsSpan().EndsWith(relative, StringComparison.Ordinal)
                    && appearedAt.TryGetValue(path[..^relative.Length], out var target) && !Now(target).IsFile)
                {
                    targets.Add(target);
                }
            }
            return targets;
        }
        return [];
    }

    /// <summary>Whether everything of <paramref name="content"/> appeared, the same, at its place under <paramref name="target"/>.</summary>
    private bool Holds(string directory, ReadOnlySpan<int> content, int target, Dictionary<string, int> appearedAt)
    {
        if (_consumed[target])
        {
            return false;
        }
        var targetPath = PathOf(target);
        foreach (var from in content)
        {
            if (!appearedAt.TryGetValue(targetPath + PathOf(from)[directory.Length..], out var to) || _consumed[to] || !SameFile(Was(from), Now(to)))
            {
                return false;
            }
        }
        return true;
    }
}
