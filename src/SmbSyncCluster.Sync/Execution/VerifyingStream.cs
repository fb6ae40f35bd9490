using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Execution;

/// <summary>
/// Wraps a source file while it is copied: counts bytes for progress (read, or sent from the local file
/// by handle and skipped) and, at the end of the data, stats the source again. The stores read to the
/// end before they commit, so a source that changed while it was read fails the copy
/// (<see cref="SourceChangedException"/>) before anything torn is renamed into place.
/// </summary>
internal sealed class VerifyingStream(Stream inner, IFileStore source, string path, EntryState expected, long toleranceTicks, Action<long> onBytes)
    : ReadOnlyStreamWrapper(inner), ILocalFileContent
{
    private bool _verified;

    public FileStream? File => Inner as FileStream;

    public void Skip(long bytes)
    {
        Inner.Seek(bytes, SeekOrigin.Current);
        onBytes(bytes);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await Inner.ReadAsync(buffer, cancellationToken);
        if (n > 0)
        {
            onBytes(n);
        }
        else if (!_verified && buffer.Length > 0)
        {
            _verified = true;
            var now = await source.StatAsync(path, cancellationToken);
            if (now is null || !now.Matches(expected, toleranceTicks))
            {
                throw new SourceChangedException(path, "its size or modification time changed during the copy");
            }
        }
        return n;
    }
}
