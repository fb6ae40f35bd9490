using System.Buffers;
using SmbSyncCluster.Smb.Connection;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Connection;

/// <summary>Responses and frames as they come off the wire, for the receive side to take in.</summary>
internal static class Frames
{
    /// <summary>A response message: the header (marked server-to-client) and a small body.</summary>
    public static byte[] Response(Smb2Command command, ulong messageId, ushort credits = 1, ulong sessionId = 0, byte[]? body = null)
    {
        body ??= [9, 0, 0, 0, 0, 0, 0, 0, 0];
        var message = new byte[Smb2Header.Size + body.Length];
        new Smb2Header
        {
            Command = command, MessageId = messageId, Credits = credits, SessionId = sessionId,
            Flags = Smb2HeaderFlags.ServerToRedir,
        }.Write(message);
        body.CopyTo(message, Smb2Header.Size);
        return message;
    }

    /// <summary>An interim STATUS_PENDING response in the async form, with an empty error body.</summary>
    public static byte[] Interim(Smb2Command command, ulong messageId, ulong asyncId)
    {
        var message = new byte[Smb2Header.Size + 9];
        new Smb2Header
        {
            Command = command, MessageId = messageId, Status = NtStatus.Pending, AsyncId = asyncId,
            Flags = Smb2HeaderFlags.ServerToRedir | Smb2HeaderFlags.AsyncCommand,
        }.Write(message);
        message[Smb2Header.Size] = 9;
        return message;
    }

    /// <summary>Messages chained into one compound frame: each but the last padded to 8 bytes and pointing at the next.</summary>
    public static byte[] Compound(params byte[][] messages)
    {
        var chained = new List<byte>();
        for (var i = 0; i < messages.Length; i++)
        {
            var message = messages[i];
            if (i < messages.Length - 1)
            {
                var padded = new byte[NegotiateContext.Align8(message.Length)];
                message.CopyTo(padded, 0);
                BitConverter.GetBytes((uint)padded.Length).CopyTo(padded, Smb2Header.NextCommandOffset);
                message = padded;
            }
            chained.AddRange(message);
        }
        return [.. chained];
    }

    /// <summary>A received frame in a pooled buffer, as the receiver hands it over.</summary>
    public static InboundFrame Inbound(byte[] plain, bool encrypted = false)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(plain.Length);
        plain.CopyTo(buffer, 0);
        return new InboundFrame(buffer, plain.Length, encrypted);
    }
}
