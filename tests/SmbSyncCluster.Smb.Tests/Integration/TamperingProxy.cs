using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>
/// A man in the middle on loopback between the client and Samba. Once armed, it alters the next frame the
/// server sends: flips one byte at an offset from its end, or rewrites the messages of a frame that
/// holds a given response (split at NextCommand, handed over in order, chained again).
/// </summary>
internal sealed class TamperingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly MemoryStream _clientTraffic = new();
    private int _armedOffset = -1;
    private Rewrite? _rewrite;
    private readonly List<byte[]> _serverFrames = [];

    public TamperingProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Corrupts the next server frame at <paramref name="offsetFromEnd"/> bytes before its end (1 = last byte).</summary>
    public void ArmFromEnd(int offsetFromEnd) => Volatile.Write(ref _armedOffset, offsetFromEnd);

    /// <summary>
    /// Rewrites the next plain server frame holding a message that <paramref name="match"/> picks:
    /// <paramref name="rewrite"/> gets its messages (each with its padding) and returns the messages to
    /// send instead.
    /// </summary>
    public void ArmRewrite(Func<byte[], bool> match, Func<List<byte[]>, List<byte[]>> rewrite) =>
        Volatile.Write(ref _rewrite, new Rewrite(match, rewrite));

    /// <summary>Picks the responses to <paramref name="command"/>, with <paramref name="status"/> when given.</summary>
    public static Func<byte[], bool> Response(Smb2Command command, uint? status = null) =>
        m => CommandOf(m) == command && (status is null || BinaryPrimitives.ReadUInt32LittleEndian(m.AsSpan(8)) == status);

    /// <summary>The command of a message, read from its header.</summary>
    public static Smb2Command CommandOf(byte[] message) => (Smb2Command)BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(12));

    /// <summary>Everything the client sent so far, over all connections.</summary>
    public byte[] ClientTraffic
    {
        get
        {
            lock (_clientTraffic)
            {
                return _clientTraffic.ToArray();
            }
        }
    }

    /// <summary>Every frame the server sent, as it was passed on (without the length prefix), in order.</summary>
    public IReadOnlyList<byte[]> ServerFrames
    {
        get
        {
            lock (_serverFrames)
            {
                return [.. _serverFrames];
            }
        }
    }

    /// <summary>True once the armed corruption has been applied.</summary>
    public bool Tampered { get; private set; }

    /// <summary>The SMB2 messages of a plain frame, split where each header's NextCommand points.</summary>
    public static List<byte[]> Split(byte[] frame)
    {
        var messages = new List<byte[]>();
        var offset = 0;
        while (true)
        {
            var next = (int)BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(offset + 20));
            var length = next == 0 ? frame.Length - offset : next;
            messages.Add(frame[offset..(offset + length)]);
            if (next == 0)
            {
                return messages;
            }
            offset += next;
        }
    }

    /// <summary>Chains messages into one frame: each NextCommand points at the following message, the last is 0.</summary>
    public static byte[] Chain(List<byte[]> messages)
    {
        var frame = new byte[messages.Sum(m => m.Length)];
        var offset = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            messages[i].CopyTo(frame, offset);
            var next = i < messages.Count - 1 ? (uint)messages[i].Length : 0;
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(offset + 20), next);
            offset += messages[i].Length;
        }
        return frame;
    }

    private static bool Holds(byte[] frame, Func<byte[], bool> match) =>
        frame.Length >= Smb2Header.Size && BinaryPrimitives.ReadUInt32LittleEndian(frame) == Smb2Header.ProtocolId
        && Split(frame).Any(match);

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
            _ = Task.WhenAll(ClientToServerAsync(client.GetStream(), server.GetStream()), ServerToClientAsync(server.GetStream(), client.GetStream()))
                .ContinueWith(_ => { client.Dispose(); server.Dispose(); }, TaskScheduler.Default);
        }
    }

    private async Task ClientToServerAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                lock (_clientTraffic)
                {
                    _clientTraffic.Write(buffer, 0, read);
                }
                await to.WriteAsync(buffer.AsMemory(0, read));
            }
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
                if (Volatile.Read(ref _rewrite) is { } rewrite && Holds(frame, rewrite.Match)
                    && Interlocked.CompareExchange(ref _rewrite, null, rewrite) == rewrite)
                {
                    frame = Chain(rewrite.Apply(Split(frame)));
                    BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)frame.Length);
                    Tampered = true;
                }
                lock (_serverFrames)
                {
                    _serverFrames.Add(frame);
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

    private sealed record Rewrite(Func<byte[], bool> Match, Func<List<byte[]>, List<byte[]>> Apply);
}
