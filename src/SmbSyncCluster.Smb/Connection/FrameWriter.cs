using System.Buffers;
using System.Buffers.Binary;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// Puts a <see cref="RequestChain"/> on the wire as one frame: headers, bodies and payloads, each message
/// signed and hashed into the pre-authentication hash as its context demands, the whole frame encrypted
/// when it must be. One frame at a time: the connection's send lock serializes the calls.
/// </summary>
internal sealed class FrameWriter(Stream stream, FileSender fileSender, CreditWindow credits, int extraCreditRequest) : IDisposable
{
    /// <summary>
    /// From this size on, the payload of a plain WRITE is sent from the caller's buffer rather than
    /// copied into the frame; a smaller one is copied, and the frame goes out in one socket write.
    /// </summary>
    private const int DirectPayloadThreshold = 64 * 1024;

    public async Task WriteAsync(RequestChain chain, RequestContext context)
    {
        var requests = chain.Requests;
        var plainLength = chain.PlainLength;
        var encrypt = context.Encrypt && context.Session?.Cryptor is not null;
        var frameLength = DirectTcp.HeaderSize + (encrypt ? TransformHeader.Size : 0) + plainLength;
        if (frameLength - DirectTcp.HeaderSize > DirectTcp.MaxFrameLength)
        {
            throw new ArgumentException($"request of {plainLength} bytes exceeds the transport's frame limit");
        }
        // A plain single WRITE goes out as two socket writes, its data straight from the caller's buffer
        // or file: signing, encryption and compounding need the whole message in one buffer.
        var direct = context.Plain && requests.Count == 1
            && (requests[0].PayloadFile is not null || requests[0].Payload.Length >= DirectPayloadThreshold);
        if (direct)
        {
            await WriteDirectAsync(chain, context);
            return;
        }
        if (requests.Any(r => r.PayloadFile is not null))
        {
            throw new InvalidOperationException("a WRITE from a file goes out alone and in the clear");
        }
        var frame = ArrayPool<byte>.Shared.Rent(frameLength);
        var plain = encrypt ? ArrayPool<byte>.Shared.Rent(plainLength) : frame;
        try
        {
            var plainSpan = encrypt ? plain.AsSpan(0, plainLength) : frame.AsSpan(DirectTcp.HeaderSize, plainLength);
            var offset = 0;
            for (var i = 0; i < requests.Count; i++)
            {
                var message = plainSpan.Slice(offset, chain.Sizes[i]);
                var nextCommand = i < requests.Count - 1 ? (uint)chain.Sizes[i] : 0;
                BuildHeader(chain, i, context, nextCommand).Write(message);
                var payload = requests[i].Payload;
                var bodyEnd = Smb2Header.Size + requests[i].BodySize;
                requests[i].WriteBody(message[Smb2Header.Size..(bodyEnd - payload.Length)]);
                payload.Span.CopyTo(message[(bodyEnd - payload.Length)..]);
                message[bodyEnd..].Clear();
                if (context.Sign)
                {
                    context.Session!.SendSigner!.Sign(message);
                }
                context.Preauth?.Update(message);
                offset += chain.Sizes[i];
            }
            if (encrypt)
            {
                context.Session!.Cryptor!.Encrypt(plainSpan, context.Session.SessionId, frame.AsSpan(DirectTcp.HeaderSize));
            }
            BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frameLength - DirectTcp.HeaderSize));
            await stream.WriteAsync(frame.AsMemory(0, frameLength), CancellationToken.None);
        }
        finally
        {
            if (encrypt)
            {
                ArrayPool<byte>.Shared.Return(plain);
            }
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    public void Dispose() => fileSender.Dispose();

    private Smb2Header BuildHeader(RequestChain chain, int index, RequestContext context, uint nextCommand) => new()
    {
        CreditCharge = credits.HeaderCharge(chain.Charges[index]),
        Command = chain.Requests[index].Command,
        Credits = (ushort)Math.Min(ushort.MaxValue, chain.Charges[index] + extraCreditRequest),
        Flags = index > 0 && context.Related ? Smb2HeaderFlags.RelatedOperations : Smb2HeaderFlags.None,
        NextCommand = nextCommand,
        MessageId = chain.MessageIds[index],
        TreeId = context.TreeId,
        SessionId = context.Session?.SessionId ?? 0,
    };

    /// <summary>Writes the lone request's header and body, then its payload from where it lies.</summary>
    private async Task WriteDirectAsync(RequestChain chain, RequestContext context)
    {
        var request = chain.Requests[0];
        var headLength = DirectTcp.HeaderSize + chain.PlainLength - (request.PayloadFile?.Length ?? request.Payload.Length);
        var head = ArrayPool<byte>.Shared.Rent(headLength);
        try
        {
            BinaryPrimitives.WriteUInt32BigEndian(head, (uint)chain.PlainLength);
            BuildHeader(chain, 0, context, 0).Write(head.AsSpan(DirectTcp.HeaderSize));
            request.WriteBody(head.AsSpan(DirectTcp.HeaderSize + Smb2Header.Size, headLength - DirectTcp.HeaderSize - Smb2Header.Size));
            if (request.PayloadFile is { } file)
            {
                await fileSender.SendAsync(head.AsMemory(0, headLength), file);
            }
            else
            {
                await stream.WriteAsync(head.AsMemory(0, headLength), CancellationToken.None);
                await stream.WriteAsync(request.Payload, CancellationToken.None);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }
}
