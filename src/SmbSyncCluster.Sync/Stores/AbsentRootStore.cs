using SmbSyncCluster.Sync.Detection;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// A side's root directory that does not exist yet and that a real run would create, as a dry run sees
/// it: an empty tree, so that the preview lists everything the run would copy there. Nothing is ever
/// written to it (a dry run executes nothing); any write is a bug and says so.
/// </summary>
/// <param name="description">Where the root would be, for messages.</param>
/// <param name="caseSensitive">Whether the side tells names apart by case (false for an SMB share).</param>
/// <param name="names">The names the side will hold, when not those its case sensitivity implies.</param>
public sealed class AbsentRootStore(string description, bool caseSensitive, NameRules? names = null) : IFileStore
{
    /// <inheritdoc />
    public string Description => description;

    /// <inheritdoc />
    public TimeSpan TimestampPrecision => TimeSpan.FromTicks(1);

    /// <inheritdoc />
    public bool IsCaseSensitive => caseSensitive;

    /// <inheritdoc />
    public NameRules Names { get; } = names ?? (caseSensitive ? NameRules.Permissive : NameRules.Smb);

    /// <inheritdoc />
    public Task MeasureTimestampPrecisionAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IReadOnlyList<StoreEntry>> ListAsync(string directory, CancellationToken ct) => Task.FromResult<IReadOnlyList<StoreEntry>>([]);

    /// <inheritdoc />
    public Task<StoreEntry?> StatAsync(string path, CancellationToken ct) => Task.FromResult<StoreEntry?>(null);

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string path, CancellationToken ct) => throw new FileNotFoundException($"'{path}': {description} does not exist yet");

    /// <inheritdoc />
    public Task WriteFileAsync(string path, Stream content, long length, DateTime modifiedUtc, ReplaceCheck? replace, CancellationToken ct) => throw NotWritten();

    /// <inheritdoc />
    public Task CreateDirectoryAsync(string path, CancellationToken ct) => throw NotWritten();

    /// <inheritdoc />
    public Task DeleteFileAsync(string path, CancellationToken ct) => throw NotWritten();

    /// <inheritdoc />
    public Task DeleteDirectoryAsync(string path, CancellationToken ct) => throw NotWritten();

    /// <inheritdoc />
    public Task RenameAsync(string from, string to, CancellationToken ct) => throw NotWritten();

    /// <inheritdoc />
    public Task SetModifiedAsync(string path, DateTime modifiedUtc, CancellationToken ct) => throw NotWritten();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private InvalidOperationException NotWritten() => new($"{description} does not exist and a dry run writes nothing there");
}
