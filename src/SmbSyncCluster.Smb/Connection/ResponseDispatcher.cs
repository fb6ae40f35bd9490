using System.Buffers;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// Hands each response in a received frame to the request it answers, found by MessageId alone, after
/// <see cref="ResponseCheck"/> has accepted it; takes the credits it grants. A response for no request
/// (an oplock break, a replay, the answer to an abandoned request that already got its own) is dropped
/// whole, its credits included. A response the check refuses throws, and the connection is lost.
/// </summary>
internal sealed class ResponseDispatcher(PendingRequests pending, CreditWindow credits)
{
    /// <summary>Dispatches every message of <paramref name="frame"/> and takes ownership of its buffer.</summary>
    public void Dispatch(InboundFrame frame)
    {
        var owned = true;
        try
        {
            owned = DispatchMessages(frame.Buffer, frame.Length, frame.Encrypted);
        }
        finally
        {
            if (owned)
            {
                ArrayPool<byte>.Shared.Return(frame.Buffer);
            }
        }
    }

    /// <summary>Walks a (possibly compound) plain frame; returns false when a single response took the buffer over.</summary>
    private bool DispatchMessages(byte[] frame, int length, bool encrypted)
    {
        var offset = 0;
        while (true)
        {
            var remaining = length - offset;
            var header = Smb2Header.Read(frame.AsSpan(offset, remaining));
            if ((header.Flags & Smb2HeaderFlags.ServerToRedir) == 0)
            {
                throw new SmbProtocolException("received a request, not a response");
            }
            var messageLength = remaining;
            if (header.NextCommand != 0)
            {
                if (header.NextCommand < Smb2Header.Size || header.NextCommand > remaining - Smb2Header.Size)
                {
                    throw new SmbProtocolException($"NextCommand {header.NextCommand} is out of range");
                }
                messageLength = (int)header.NextCommand;
            }
            if (pending.TryGet(header.MessageId, out var request))
            {
                ResponseCheck.AgainstRequest(header, request, frame.AsSpan(offset, messageLength), encrypted);
                credits.Grant(header.Credits);
                if (Deliver(header, request, frame, offset, messageLength, takeOver: offset == 0 && header.NextCommand == 0))
                {
                    return false;
                }
            }
            if (header.NextCommand == 0)
            {
                return true;
            }
            offset += messageLength;
        }
    }

    /// <summary>
    /// Completes the waiting request; returns true when the frame buffer now belongs to the response,
    /// which returns it to the pool when disposed.
    /// </summary>
    private bool Deliver(Smb2Header header, PendingRequest request, byte[] frame, int offset, int length, bool takeOver)
    {
        if (header.Status == NtStatus.Pending)
        {
            request.AsyncId = header.AsyncId;
            return false;
        }
        if (!pending.Remove(header.MessageId))
        {
            return false;
        }
        var message = takeOver
            ? new Smb2Message(header, frame, offset, length, pooled: true)
            : new Smb2Message(header, frame.AsSpan(offset, length).ToArray(), 0, length, pooled: false);
        if (!request.TrySetResult(message))
        {
            // The caller gave up on it; the response still brought its credits. Disposing it hands a
            // taken-over buffer back to the pool, so the buffer is no longer the frame's to return.
            message.Dispose();
        }
        return takeOver;
    }
}
