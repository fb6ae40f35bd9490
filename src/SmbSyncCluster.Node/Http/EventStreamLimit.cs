namespace SmbSyncCluster.Node.Http;

/// <summary>
/// How many server-sent event streams the node serves at once. Each holds a connection and a subscription to its
/// job (which pushes it every change) for as long as the client stays: without a cap, a client (or a page opening EventSources)
/// holds the node's connections and threads for good.
/// </summary>
/// <param name="max">Streams served at once.</param>
internal sealed class EventStreamLimit(int max)
{
    private int _open;

    /// <summary>Takes a place; false when all are taken (then nothing was taken).</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _open) <= max)
        {
            return true;
        }
        Interlocked.Decrement(ref _open);
        return false;
    }

    /// <summary>Gives a place back.</summary>
    public void Exit() => Interlocked.Decrement(ref _open);
}
