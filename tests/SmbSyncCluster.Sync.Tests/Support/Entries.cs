using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Tests.Support;

/// <summary>Short names for the states unit tests are written with; times in whole seconds.</summary>
internal static class Entries
{
    public static readonly EntryState Dir = EntryState.OfDirectory();

    public static EntryState File(long size, long seconds) => EntryState.OfFile(size, Ticks(seconds));

    public static long Ticks(long seconds) => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks + seconds * TimeSpan.TicksPerSecond;

    public static TreeSnapshot Tree(params (string Path, EntryState State)[] entries)
    {
        var tree = new TreeSnapshot();
        foreach (var (path, state) in entries)
        {
            tree.Add(path, state);
        }
        return tree;
    }
}
