using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Tests.Versions;

/// <summary>
/// A store whose replacing writes fail at the very end: the replace check runs (and with it whatever the
/// executor does right before the final rename), then the rename "fails", as a full disk or a lost
/// connection would make it.
/// </summary>
internal sealed class CommitFailingStore(IFileStore inner) : IFileStore
{
    public string Description => inner.Description;
    public TimeSpan TimestampPrecision => inner.TimestampPrecision;
    public Task MeasureTimestampPrecisionAsync(CancellationToken ct) => inner.MeasureTimestampPrecisionAsync(ct);
    public bool IsCaseSensitive => inner.IsCaseSensitive;
    public Task<IReadOnlyList<StoreEntry>> ListAsync(string directory, CancellationToken ct) => inner.ListAsync(directory, ct);
    public Task<StoreEntry?> StatAsync(string path, CancellationToken ct) => inner.StatAsync(path, ct);
    public Task<Stream> OpenReadAsync(string path, CancellationToken ct) => inner.OpenReadAsync(path, ct);

    public Task WriteFileAsync(string path, Stream content, long length, DateTime modifiedUtc, ReplaceCheck? replace, CancellationToken ct) =>
        inner.WriteFileAsync(path, content, length, modifiedUtc, replace is null ? null : async token =>
        {
            await replace(token);
            throw new IOException($"'{path}': the final rename failed");
        }, ct);

    public Task CreateDirectoryAsync(string path, CancellationToken ct) => inner.CreateDirectoryAsync(path, ct);
    public Task DeleteFileAsync(string path, CancellationToken ct) => inner.DeleteFileAsync(path, ct);
    public Task DeleteDirectoryAsync(string path, CancellationToken ct) => inner.DeleteDirectoryAsync(path, ct);
    public Task RenameAsync(string from, string to, CancellationToken ct) => inner.RenameAsync(from, to, ct);
    public Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken ct) => inner.SetModifiedAsync(path, modifiedUtc, ct);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
