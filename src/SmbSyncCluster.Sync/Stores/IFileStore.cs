using SmbSyncCluster.Sync.Detection;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// One side of a sync: a local directory or a directory on an SMB share. Paths are relative to the
/// store's root, with '/' separators; a store refuses any path that would leave its root.
/// </summary>
public interface IFileStore : IAsyncDisposable
{
    /// <summary>Where the store points, for messages (never with a password).</summary>
    string Description { get; }

    /// <summary>
    /// The finest modification-time step the store keeps; comparisons allow this much difference. 100 ns
    /// until <see cref="MeasureTimestampPrecisionAsync"/> finds out more.
    /// </summary>
    TimeSpan TimestampPrecision { get; }

    /// <summary>
    /// Sets <see cref="TimestampPrecision"/> to the step the store really keeps, by writing, reading back
    /// and removing a probe file: for a store a run writes to, since a coarser server (FAT, ext3) would
    /// otherwise make every file the run wrote look changed on the next run.
    /// </summary>
    Task MeasureTimestampPrecisionAsync(CancellationToken ct);

    /// <summary>False when names differing only in case are the same file (SMB shares).</summary>
    bool IsCaseSensitive { get; }

    /// <summary>Which names the store can hold, under the real names detection and plans use.</summary>
    NameRules Names => IsCaseSensitive ? NameRules.Permissive : NameRules.Smb;

    /// <summary>The entries directly inside a directory ("" is the root).</summary>
    Task<IReadOnlyList<StoreEntry>> ListAsync(string directory, CancellationToken ct);

    /// <summary>The entry at a path, or null when nothing is there.</summary>
    Task<StoreEntry?> StatAsync(string path, CancellationToken ct);

    /// <summary>Opens a file for sequential reading.</summary>
    Task<Stream> OpenReadAsync(string path, CancellationToken ct);

    /// <summary>
    /// Writes a whole file atomically for readers: the content goes to a temporary name in the same
    /// directory, its size is checked and its modification time set, then it is renamed over
    /// <paramref name="path"/>. A failure leaves the old file as it was. Without <paramref name="replace"/>
    /// the rename fails (and the temporary file goes) when <paramref name="path"/> exists by then: a new
    /// file never replaces one that appeared since the scan, at no extra round trip. With it, the check
    /// runs right before the replacing rename, after the (possibly long) copy, so that an edit made to the
    /// destination meanwhile is not overwritten.
    /// </summary>
    Task WriteFileAsync(string path, Stream content, long length, DateTime modifiedUtc, ReplaceCheck? replace, CancellationToken ct);

    /// <summary>Creates a directory and any missing parents; succeeds when it exists.</summary>
    Task CreateDirectoryAsync(string path, CancellationToken ct);

    /// <summary>Deletes a file.</summary>
    Task DeleteFileAsync(string path, CancellationToken ct);

    /// <summary>Deletes an empty directory.</summary>
    Task DeleteDirectoryAsync(string path, CancellationToken ct);

    /// <summary>Renames a file or directory within the store; fails if the target exists.</summary>
    Task RenameAsync(string from, string to, CancellationToken ct);

    /// <summary>Sets the modification time of a file or directory.</summary>
    Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken ct);
}
