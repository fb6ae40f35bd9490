using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Testing;

/// <summary>
/// A store that fails the operations its hook names (op, path) and otherwise defers to a real store. An
/// asynchronous hook may also hold an operation back (a gate) without blocking a thread, and
/// <see cref="Content"/> may replace what a read yields, <see cref="Replace"/> what a replacing write checks last,
/// and <see cref="BeforeRename"/> act just before a rename.
/// </summary>
public sealed class FaultyStore(IFileStore inner, Func<string, string, ValueTask<Exception?>> fault) : IFileStore
{
    public FaultyStore(IFileStore inner, Func<string, string, Exception?> fault)
        : this(inner, (op, path) => ValueTask.FromResult(fault(op, path)))
    {
    }

    /// <summary>Replaces the stream a read of a path yields (a server serving other bytes than the file's).</summary>
    public Func<string, Stream, Stream>? Content { get; init; }

    /// <summary>Wraps the check a replacing write of a path runs right before its final rename (a rename that then fails, say).</summary>
    public Func<string, ReplaceCheck, ReplaceCheck>? Replace { get; init; }

    /// <summary>Runs before a rename (from, to): someone else writing meanwhile.</summary>
    public Action<string, string>? BeforeRename { get; init; }

    public string Description => inner.Description;
    public TimeSpan TimestampPrecision => inner.TimestampPrecision;
    public Task MeasureTimestampPrecisionAsync(CancellationToken ct) => inner.MeasureTimestampPrecisionAsync(ct);
    public bool IsCaseSensitive => inner.IsCaseSensitive;
    public NameRules Names => inner.Names;

    private async Task Check(string op, string path)
    {
        if (await fault(op, path) is { } e)
        {
            throw e;
        }
    }

    public async Task<IReadOnlyList<StoreEntry>> ListAsync(string directory, CancellationToken ct)
    {
        await Check("list", directory);
        return await inner.ListAsync(directory, ct);
    }

    public Task<StoreEntry?> StatAsync(string path, CancellationToken ct) => inner.StatAsync(path, ct);

    public async Task<Stream> OpenReadAsync(string path, CancellationToken ct)
    {
        await Check("read", path);
        var stream = await inner.OpenReadAsync(path, ct);
        return Content is null ? stream : Content(path, stream);
    }

    public async Task WriteFileAsync(string path, Stream content, long length, DateTime modifiedUtc, ReplaceCheck? replace, CancellationToken ct)
    {
        await Check("write", path);
        await inner.WriteFileAsync(path, content, length, modifiedUtc, replace is null || Replace is null ? replace : Replace(path, replace), ct);
    }

    public Task CreateDirectoryAsync(string path, CancellationToken ct) => inner.CreateDirectoryAsync(path, ct);

    public async Task DeleteFileAsync(string path, CancellationToken ct)
    {
        await Check("delete", path);
        await inner.DeleteFileAsync(path, ct);
    }

    public Task DeleteDirectoryAsync(string path, CancellationToken ct) => inner.DeleteDirectoryAsync(path, ct);
    public Task RenameAsync(string from, string to, CancellationToken ct)
    {
        BeforeRename?.Invoke(from, to);
        return inner.RenameAsync(from, to, ct);
    }
    public Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken ct) => inner.SetModifiedAsync(path, modifiedUtc, ct);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
