namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// Content for <see cref="IFileStore.WriteFileAsync"/> read from a local file: a store may send the
/// file's bytes by handle (sendfile) instead of reading them through the stream. It then reports what it
/// sent with <see cref="Skip"/> and reads the stream on from there, so its end is still checked.
/// </summary>
public interface ILocalFileContent
{
    /// <summary>The local file the stream reads, or null when the content does not come from one.</summary>
    FileStream? File { get; }

    /// <summary>Moves the stream past bytes sent straight from <see cref="File"/>, counting them as read.</summary>
    void Skip(long bytes);

    /// <summary>Moves the stream past bytes the destination already holds from an interrupted copy: read, but not sent.</summary>
    void Resumed(long bytes);
}
