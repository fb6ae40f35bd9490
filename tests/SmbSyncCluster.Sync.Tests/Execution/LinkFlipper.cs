namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>
/// A local user's loop that swaps a directory of the tree for a symbolic link to <paramref name="outside"/>
/// and back, as fast as it can, so that the link appears between any check a store makes and its I/O.
/// Disposing stops it with the real directory back in place.
/// </summary>
internal sealed class LinkFlipper(string directory, string outside) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public Task StartAsync()
    {
        var away = directory + "-away";
        _loop = Task.Factory.StartNew(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Directory.Move(directory, away);
                Directory.CreateSymbolicLink(directory, outside);
                File.Delete(directory);
                Directory.Move(away, directory);
            }
        }, _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
        _stop.Dispose();
    }
}
