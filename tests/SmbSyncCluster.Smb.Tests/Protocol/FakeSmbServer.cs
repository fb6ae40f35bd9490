using System.Net;
using System.Net.Sockets;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Protocol;

/// <summary>A one-connection server on loopback that reads the client's first frame, then runs a script.</summary>
internal sealed class FakeSmbServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    private FakeSmbServer(Func<NetworkStream, Task> script)
    {
        _listener.Start();
        Served = Task.Run(async () =>
        {
            using var socket = await _listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            await ReadFrameAsync(stream);
            await script(stream);
        });
    }

    public static FakeSmbServer Start(Func<NetworkStream, Task> script) => new(script);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes when the script has run (or failed because the client went away).</summary>
    public Task Served { get; }

    /// <summary>Reads one direct-TCP frame from the client and returns its message(s), without the length prefix.</summary>
    public static async Task<byte[]> ReadFrameAsync(Stream stream)
    {
        var prefix = new byte[4];
        await stream.ReadExactlyAsync(prefix);
        var message = new byte[(prefix[1] << 16) | (prefix[2] << 8) | prefix[3]];
        await stream.ReadExactlyAsync(message);
        return message;
    }

    /// <summary>A direct-TCP frame: a zero byte, a 24-bit big-endian length, the message.</summary>
    public static byte[] Frame(byte[] message)
    {
        var frame = new byte[4 + message.Length];
        frame[1] = (byte)(message.Length >> 16);
        frame[2] = (byte)(message.Length >> 8);
        frame[3] = (byte)message.Length;
        message.CopyTo(frame, 4);
        return frame;
    }

    public static byte[] Message(Smb2Header header, byte[] body)
    {
        var message = new byte[Smb2Header.Size + body.Length];
        header.Write(message);
        body.CopyTo(message, Smb2Header.Size);
        return message;
    }

    public void Dispose() => _listener.Stop();
}
