namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// Ctrl-C as a cancellation the command handles (stop the run cleanly, end the progress line) rather
/// than the end of the process.
/// </summary>
internal sealed class ConsoleInterrupt : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    public ConsoleInterrupt() => Console.CancelKeyPress += OnCancel;

    /// <summary>Cancelled at the first Ctrl-C.</summary>
    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _cancel.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _cancel.Cancel();
    }
}
