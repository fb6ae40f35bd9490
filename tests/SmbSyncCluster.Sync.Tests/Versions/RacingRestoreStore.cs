using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Sync.Versions;

namespace SmbSyncCluster.Sync.Tests.Versions;

/// <summary>
/// A store in which someone writes <paramref name="path"/> just before a version is renamed into its place: the race a
/// restore must lose rather than replace what that someone wrote.
/// </summary>
internal sealed class RacingRestoreStore(IFileStore inner, string path, Action writeMeanwhile) : IFileStore
{
    public string Description => inner.Description;
    public TimeSpan TimestampPrecision => inner.TimestampPrecision;
    public Task MeasureTimestampPrecisionAsync(CancellationToken ct) => inner.MeasureTimestampPrecisionAsync(ct);
    public bool IsCaseSensitive => inner.IsCaseSensitive;
    public Task<IReadOnlyList<StoreEntry>> ListAsync(string directory, CancellationToken ct) => inner.ListAsync(directory, ct);
    public Task<StoreEntry?> StatAsync(string path, CancellationToken ct) => inner.StatAsync(path, ct);
    public Task<Stream> OpenReadAsync(string path, CancellationToken ct) => inner.OpenReadAsync(path, ct);
    public Task WriteFileAsync(string path, Stream content, long length, DateTime modifiedUtc, ReplaceCheck? replace, CancellationToken ct) =>
        inner.WriteFileAsync(path, content, length, modifiedUtc, replace, ct);
    public Task CreateDirectoryAsync(string path, CancellationToken ct) => inner.CreateDirectoryAsync(path, ct);
    public Task DeleteFileAsync(string path, CancellationToken ct) => inner.DeleteFileAsync(path, ct);
    public Task DeleteDirectoryAsync(string path, CancellationToken ct) => inner.DeleteDirectoryAsync(path, ct);

    public Task RenameAsync(string from, string to, CancellationToken ct)
    {
        if (to == path && VersionNames.IsInArea(from))
        {
            writeMeanwhile();
        }
        return inner.RenameAsync(from, to, ct);
    }

    public Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken ct) => inner.SetModifiedAsync(path, modifiedUtc, ct);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
