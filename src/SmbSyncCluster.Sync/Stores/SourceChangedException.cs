namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// A file changed while it was being copied (its size or modification time no longer matches what was
/// scanned). Nothing torn is recorded as synced; the item is retried or reported.
/// </summary>
public sealed class SourceChangedException(string path, string detail)
    : IOException($"'{path}' changed while it was being copied: {detail}")
{
    /// <summary>The store-relative path of the file.</summary>
    public string Path { get; } = path;
}
