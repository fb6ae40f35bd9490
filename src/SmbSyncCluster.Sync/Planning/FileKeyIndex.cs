using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// Files by size, then by write time: the ones a file could be taken for (same size, times within the
/// tolerance) are a run of one sorted array, found by two binary searches.
/// </summary>
internal sealed class FileKeyIndex
{
    private readonly Dictionary<long, (long Ticks, int Item)[]> _bySize;

    /// <param name="files">Each file's state and the number the caller knows it by.</param>
    public FileKeyIndex(IEnumerable<(EntryState State, int Item)> files)
    {
        var lists = new Dictionary<long, List<(long Ticks, int Item)>>();
        foreach (var (state, item) in files)
        {
            if (!lists.TryGetValue(state.Size, out var list))
            {
                lists[state.Size] = list = [];
            }
            list.Add((state.ModifiedTicks, item));
        }
        _bySize = new Dictionary<long, (long Ticks, int Item)[]>(lists.Count);
        foreach (var (size, list) in lists)
        {
            var sorted = list.ToArray();
            if (sorted.Length > 1)
            {
                Array.Sort(sorted);
            }
            _bySize[size] = sorted;
        }
    }

    /// <summary>The files of <paramref name="state"/>'s size written at most <paramref name="tolerance"/> ticks apart from it.</summary>
    public ReadOnlySpan<(long Ticks, int Item)> Near(EntryState state, long tolerance)
    {
        if (!_bySize.TryGetValue(state.Size, out var sorted))
        {
            return [];
        }
        var from = FirstAtOrAfter(sorted, state.ModifiedTicks - tolerance);
        var to = FirstAtOrAfter(sorted, state.ModifiedTicks + tolerance + 1);
        return sorted.AsSpan(from, to - from);
    }

    private static int FirstAtOrAfter((long Ticks, int Item)[] sorted, long ticks)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle].Ticks < ticks)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
