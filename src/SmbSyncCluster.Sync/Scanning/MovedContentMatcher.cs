using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Scanning;

/// <summary>
/// Checksum mode's part of rename detection. A move is found by size and time (the planner's
/// <c>MoveDetection</c>); a tool that rewrites a file as it moves it, or a copy made without keeping
/// times, leaves the size but not the time. Here a file gone from one side (the other side still holding
/// the base's version) and a file that appeared on that side only, of the same size and with no file of
/// the same size and time to be taken for, are read: the same bytes, one candidate each way, make a move
/// the planner may carry out as a rename. Sizes with more candidates than <see cref="MaxCandidates"/> on
/// either list, and empty files, are not read: they cannot tell files apart cheaply, and a copy costs little.
/// </summary>
public static class MovedContentMatcher
{
    /// <summary>Most files of one size on either list before that size is given up as too common to read.</summary>
    private const int MaxCandidates = 4;

    /// <summary>The moves found by content on each side whose moves <paramref name="movable"/> lets the other side carry out.</summary>
    /// <param name="baseState">The last synced state.</param>
    /// <param name="local">The local scan.</param>
    /// <param name="remote">The remote scan.</param>
    /// <param name="stores">The local and remote stores.</param>
    /// <param name="movable">Whether a move made on a side may be carried out on the other.</param>
    /// <param name="tolerance">Detection's time tolerance.</param>
    /// <param name="parallelism">Files read at once.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IReadOnlyList<ContentMove>> FindAsync(
        TreeSnapshot baseState, TreeSnapshot local, TreeSnapshot remote, (IFileStore Local, IFileStore Remote) stores,
        Func<SyncSide, bool> movable, TimeSpan tolerance, int parallelism, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(movable);
        var moves = new List<ContentMove>();
        foreach (var movedOn in new[] { SyncSide.Local, SyncSide.Remote })
        {
            if (!movable(movedOn))
            {
                continue;
            }
            var (there, other) = movedOn == SyncSide.Local ? (local, remote) : (remote, local);
            var (thereStore, otherStore) = movedOn == SyncSide.Local ? (stores.Local, stores.Remote) : (stores.Remote, stores.Local);
            var pairs = Candidates(baseState, there, other, tolerance.Ticks);
            if (pairs.Count == 0)
            {
                continue;
            }
            var goneHashes = await ContentHashes.ReadAsync(otherStore, pairs.SelectMany(p => p.Gone.Select(g => (g, p.Size))), parallelism, ct);
            var appearedHashes = await ContentHashes.ReadAsync(thereStore, pairs.SelectMany(p => p.Appeared.Select(a => (a, p.Size))), parallelism, ct);
            foreach (var (_, goneOfSize, appearedOfSize) in pairs)
            {
                foreach (var from in goneOfSize)
                {
                    if (goneHashes.TryGetValue(from, out var hash)
                        && appearedOfSize.Where(to => appearedHashes.TryGetValue(to, out var h) && h == hash).ToList() is [var to]
                        && goneOfSize.Count(g => goneHashes.TryGetValue(g, out var h) && h == hash) == 1)
                    {
                        moves.Add(new ContentMove(movedOn, from, to));
                    }
                }
            }
        }
        return moves;
    }

    /// <summary>
    /// Per size, the paths gone from <paramref name="there"/> that <paramref name="other"/> still holds as
    /// the base does, and the paths that appeared on <paramref name="there"/> only, where a size and time
    /// match does not already pair them. Built from the scans, so a scan of part of the tree looks only there.
    /// </summary>
    private static List<(long Size, List<string> Gone, List<string> Appeared)> Candidates(TreeSnapshot baseState, TreeSnapshot there, TreeSnapshot other, long tolerance)
    {
        var gone = new Dictionary<long, List<(string Path, long Ticks)>>();
        foreach (var (path, state) in other)
        {
            if (state.IsFile && state.Size > 0 && !there.Contains(path) && baseState.TryGet(path, out var synced) && synced.SameAs(state, tolerance))
            {
                Add(gone, state.Size, (path, state.ModifiedTicks));
            }
        }
        if (gone.Count == 0)
        {
            return [];
        }
        var appeared = new Dictionary<long, List<(string Path, long Ticks)>>();
        foreach (var (path, state) in there)
        {
            if (state.IsFile && gone.ContainsKey(state.Size) && !other.Contains(path) && !baseState.Contains(path))
            {
                Add(appeared, state.Size, (path, state.ModifiedTicks));
            }
        }
        var pairs = new List<(long, List<string>, List<string>)>();
        foreach (var (size, added) in appeared)
        {
            var went = gone[size];
            if (went.Count > MaxCandidates || added.Count > MaxCandidates)
            {
                continue;
            }
            // A file with a size and time match anywhere is left to the planner's matching, which decides
            // it (or finds it ambiguous) the same way whether or not content is read.
            bool Timed((string Path, long Ticks) file, List<(string Path, long Ticks)> others) => others.Any(o => Math.Abs(o.Ticks - file.Ticks) <= tolerance);
            var untimedGone = went.Where(g => !Timed(g, added)).Select(g => g.Path).ToList();
            var untimedAppeared = added.Where(a => !Timed(a, went)).Select(a => a.Path).ToList();
            if (untimedGone.Count > 0 && untimedAppeared.Count > 0)
            {
                pairs.Add((size, untimedGone, untimedAppeared));
            }
        }
        return pairs;
    }

    private static void Add(Dictionary<long, List<(string Path, long Ticks)>> bySize, long size, (string Path, long Ticks) file)
    {
        if (!bySize.TryGetValue(size, out var list))
        {
            bySize[size] = list = [];
        }
        list.Add(file);
    }
}
