using System.Text.Json.Serialization;

namespace SmbSyncCluster.Sync.Model;

/// <summary>
/// What the sync knows about one path on one side: kind, size and last write time. Kept to 24 bytes
/// because a job tracks one per path, millions of them, in memory.
/// </summary>
/// <param name="Kind">File or directory.</param>
/// <param name="Size">Length in bytes; 0 for directories.</param>
/// <param name="ModifiedTicks">Last write time as UTC <see cref="DateTime"/> ticks (100 ns units).</param>
public readonly record struct EntryState(EntryKind Kind, long Size, long ModifiedTicks)
{
    /// <summary>A file of <paramref name="size"/> bytes last written at <paramref name="modifiedTicks"/>.</summary>
    /// <param name="size">Length in bytes.</param>
    /// <param name="modifiedTicks">Last write time, UTC ticks.</param>
    public static EntryState OfFile(long size, long modifiedTicks) => new(EntryKind.File, size, modifiedTicks);

    /// <summary>A directory; its time is carried along but never compared.</summary>
    /// <param name="modifiedTicks">Last write time, UTC ticks.</param>
    public static EntryState OfDirectory(long modifiedTicks = 0) => new(EntryKind.Directory, 0, modifiedTicks);

    /// <summary>Whether this is a file.</summary>
    [JsonIgnore]
    public bool IsFile => Kind == EntryKind.File;

    /// <summary>
    /// Whether two states describe the same content as far as the sync can tell: same kind and, for
    /// files, same size and write times at most <paramref name="toleranceTicks"/> apart. Directory
    /// times change whenever a child does, so they say nothing about the directory itself.
    /// </summary>
    /// <param name="other">The state to compare with.</param>
    /// <param name="toleranceTicks">Largest write-time difference still taken as equal.</param>
    public bool SameAs(EntryState other, long toleranceTicks) =>
        Kind == other.Kind
        && (Kind == EntryKind.Directory
            || (Size == other.Size && Math.Abs(ModifiedTicks - other.ModifiedTicks) <= toleranceTicks));
}
