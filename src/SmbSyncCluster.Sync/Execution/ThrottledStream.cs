using SmbSyncCluster.Sync.Limits;

namespace SmbSyncCluster.Sync.Execution;

/// <summary>
/// A transfer's source read under its bandwidth limits: reads are cut to the throttle's chunk, and each chunk
/// read is paid for (<see cref="TransferThrottle.WaitAsync"/>) before it is handed on. It is deliberately no
/// <see cref="Stores.ILocalFileContent"/>: a store would send a local file by handle at full speed, past the limit.
/// </summary>
internal sealed class ThrottledStream(Stream inner, TransferThrottle throttle) : ReadOnlyStreamWrapper(inner)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await Inner.ReadAsync(buffer[..throttle.ChunkSize(buffer.Length)], cancellationToken);
        if (n > 0)
        {
            await throttle.WaitAsync(n, cancellationToken);
        }
        return n;
    }
}
