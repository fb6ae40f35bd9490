using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Execution;

/// <summary>
/// Wraps a source file while it is copied: counts bytes for progress (read, or sent from the local file
/// by handle and skipped) and, at the end of the data, stats the source again. The stores read to the
/// end before they commit, so a source that changed while it was read fails the copy
/// (<see cref="SourceChangedException"/>) before anything torn is renamed into place. A source that yields
/// more than the scanned size fails as soon as it does: a server that never reports the end of a file
/// must not fill the destination's disk.
/// </summary>
internal sealed class VerifyingStream(Stream inner, IFileStore source, string path, EntryState expected, long toleranceTicks, Action<long> onBytes)
    : ReadOnlyStreamWrapper(inner), ILocalFileContent
{
    private bool _verified;
    private long _read;

    public FileStream? File => Inner as FileStream;

    public void Skip(long bytes)
    {
        Inner.Seek(bytes, SeekOrigin.Current);
        Count(bytes);
    }

    public void Resumed(long bytes)
    {
        Inner.Seek(bytes, SeekOrigin.Current);
        _read += bytes;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await Inner.ReadAsync(buffer, cancellationToken);
        if (n > 0)
        {
            Count(n);
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

    private void Count(long bytes)
    {
        _read += bytes;
        if (_read > expected.Size) // a resumed copy starts within it: what it holds was checked against the file
        {
            throw new SourceChangedException(path, $"it holds more than the {expected.Size} bytes the scan found");
        }
        onBytes(bytes);
    }
}
