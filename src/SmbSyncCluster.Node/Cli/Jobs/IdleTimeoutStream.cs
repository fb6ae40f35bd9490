using SmbSyncCluster.Sync.Execution;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>
/// A read-only view of a network stream that fails with an <see cref="IOException"/> when no byte arrives for
/// <paramref name="idle"/>. The node writes a keep-alive comment into its event stream every 15 s, so a longer
/// silence is a connection that died without closing (a node lost mid-stream, a proxy that dropped it).
/// </summary>
/// <param name="inner">The stream read.</param>
/// <param name="idle">The longest silence taken as alive.</param>
internal sealed class IdleTimeoutStream(Stream inner, TimeSpan idle) : ReadOnlyStreamWrapper(inner)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(idle);
        try
        {
            return await Inner.ReadAsync(buffer, silence.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"nothing arrived for {idle.TotalSeconds:0} s");
        }
    }
}
