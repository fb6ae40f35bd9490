using System.Net;
using System.Net.Sockets;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>
/// A man in the middle on loopback between the client and Samba. Once armed, it flips one byte of the
/// next frame the server sends, at an offset counted from the start of the SMB message.
/// </summary>
internal sealed class TamperingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private int _armedOffset = -1;

    public TamperingProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Corrupts the next server frame at <paramref name="offsetFromEnd"/> bytes before its end (1 = last byte).</summary>
    public void ArmFromEnd(int offsetFromEnd) => Volatile.Write(ref _armedOffset, offsetFromEnd);

    /// <summary>True once the armed corruption has been applied.</summary>
    public bool Tampered { get; private set; }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _target);
            _ = Task.WhenAll(CopyAsync(client.GetStream(), server.GetStream()), ServerToClientAsync(server.GetStream(), client.GetStream()))
                .ContinueWith(_ => { client.Dispose(); server.Dispose(); }, TaskScheduler.Default);
        }
    }

    private static async Task CopyAsync(NetworkStream from, NetworkStream to)
    {
        try
        {
            await from.CopyToAsync(to);
        }
        catch (IOException)
        {
        }
        to.Socket.Shutdown(SocketShutdown.Send);
    }

    private async Task ServerToClientAsync(NetworkStream from, NetworkStream to)
    {
        var prefix = new byte[4];
        try
        {
            while (true)
            {
                await from.ReadExactlyAsync(prefix);
                var frame = new byte[(prefix[1] << 16) | (prefix[2] << 8) | prefix[3]];
                await from.ReadExactlyAsync(frame);
                var offset = Interlocked.Exchange(ref _armedOffset, -1);
                if (offset > 0 && offset <= frame.Length)
                {
                    frame[^offset] ^= 0x5A;
                    Tampered = true;
                }
                await to.WriteAsync(prefix);
                await to.WriteAsync(frame);
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException)
        {
        }
        to.Socket.Shutdown(SocketShutdown.Send);
    }

    public void Dispose() => _listener.Stop();
}
