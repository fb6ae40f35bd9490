using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace SmbSyncCluster.Bench;

/// <summary>
/// A loopback TCP proxy that holds every chunk for a fixed one-way delay before passing it on, in order:
/// a stand-in for a LAN's round-trip time where the kernel has no netem. It counts the bytes it passes
/// each way, so that with no delay it also tells what a client sent and received.
/// </summary>
internal sealed class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _toServer;
    private long _toClient;

    public LatencyProxy(int targetPort, TimeSpan oneWayDelay)
    {
        _listener.Start();
        _accepting = AcceptAsync(targetPort, oneWayDelay);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes passed from clients to the server so far.</summary>
    public long BytesToServer => Interlocked.Read(ref _toServer);

    /// <summary>Bytes passed from the server to clients so far.</summary>
    public long BytesToClient => Interlocked.Read(ref _toClient);

    private async Task AcceptAsync(int targetPort, TimeSpan delay)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var server = new TcpClient { NoDelay = true };
            await server.ConnectAsync(IPAddress.Loopback, targetPort);
            client.NoDelay = true;
            _ = Task.WhenAll(PumpAsync(client.GetStream(), server.GetStream(), delay, toServer: true), PumpAsync(server.GetStream(), client.GetStream(), delay, toServer: false))
                .ContinueWith(_ => { client.Dispose(); server.Dispose(); }, TaskScheduler.Default);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, TimeSpan delay, bool toServer)
    {
        var queue = Channel.CreateUnbounded<(long Due, byte[] Data)>();
        var writer = Task.Run(async () =>
        {
            await foreach (var (due, data) in queue.Reader.ReadAllAsync())
            {
                while (Stopwatch.GetTimestamp() < due)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait);
                    }
                    else
                    {
                        Thread.SpinWait(50);
                    }
                }
                await to.WriteAsync(data);
            }
        });
        var buffer = new byte[1 << 20];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                Interlocked.Add(ref toServer ? ref _toServer : ref _toClient, n);
                queue.Writer.TryWrite((Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency), buffer[..n]));
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // one side closed
        }
        queue.Writer.TryComplete();
        await writer;
        try
        {
            // Pass the end on: a client that died must look gone to the server too (which then drops its open files).
            to.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // the other side is gone already
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
