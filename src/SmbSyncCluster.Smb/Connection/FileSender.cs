using System.Net.Sockets;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// Sends a message head followed by a range of a local file in one socket operation; on Linux the
/// range goes through sendfile, so its bytes never enter this process. One send at a time (the
/// connection's send lock), which lets one event-args object serve them all.
/// </summary>
internal sealed class FileSender : IDisposable
{
    private readonly Socket _socket;
    private readonly SocketAsyncEventArgs _args = new();
    private TaskCompletionSource<(SocketError Error, long Sent)>? _completion;

    public FileSender(Socket socket)
    {
        _socket = socket;
        _args.Completed += (_, e) => _completion!.TrySetResult((e.SocketError, e.BytesTransferred));
    }

    /// <summary>
    /// Sends <paramref name="head"/> then the file range. A file that ends before the range does tears
    /// the frame; that throws <see cref="IOException"/>, after which the connection cannot be used.
    /// </summary>
    public async Task SendAsync(ReadOnlyMemory<byte> head, FileSegment file)
    {
        _completion = new TaskCompletionSource<(SocketError, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _args.SendPacketsElements =
        [
            new SendPacketsElement(head),
            new SendPacketsElement(file.File, file.Offset, file.Length, endOfPacket: true),
        ];
        if (!_socket.SendPacketsAsync(_args))
        {
            _completion.TrySetResult((_args.SocketError, _args.BytesTransferred));
        }
        var (error, sent) = await _completion.Task;
        _args.SendPacketsElements = null;
        if (error != SocketError.Success)
        {
            throw error == SocketError.InvalidArgument
                ? new IOException($"'{file.File.Name}' ended before byte {file.Offset + file.Length} while it was sent")
                : new SocketException((int)error);
        }
        if (sent != head.Length + file.Length)
        {
            throw new IOException($"sent {sent} of {head.Length + file.Length} bytes of a WRITE from '{file.File.Name}': the file ended early");
        }
    }

    public void Dispose() => _args.Dispose();
}
