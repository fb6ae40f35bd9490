using System.Buffers;
using System.Buffers.Binary;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// Reads frames off the transport one at a time and decrypts encrypted ones with the session's keys.
/// A length past <see cref="MaxFrame"/> is refused before anything is allocated for it, so a server
/// cannot make the client buffer more than the largest answer it may legally send.
/// </summary>
internal sealed class FrameReceiver(Stream stream)
{
    private readonly byte[] _lengthPrefix = new byte[DirectTcp.HeaderSize];

    /// <summary>The largest frame accepted; until NEGOTIATE has set the real limit, enough for its answer.</summary>
    public int MaxFrame { get; set; } = 1024 * 1024;

    /// <summary>The session whose keys decrypt what arrives, read when an encrypted frame comes in.</summary>
    public Smb2Session? Session { get; set; }

    /// <summary>
    /// Reads the next frame and decrypts it if it is encrypted; the caller owns the returned buffer. Throws
    /// <see cref="SmbProtocolException"/> for a frame no honest server sends, and whatever the stream
    /// throws when the transport fails.
    /// </summary>
    public async Task<InboundFrame> ReceiveAsync()
    {
        await stream.ReadExactlyAsync(_lengthPrefix);
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(_lengthPrefix);
        if (_lengthPrefix[0] != 0 || length < Smb2Header.Size || length > MaxFrame)
        {
            throw new SmbProtocolException($"bad frame length {length} (limit {MaxFrame})");
        }
        var frame = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await stream.ReadExactlyAsync(frame.AsMemory(0, length));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(frame);
            throw;
        }
        return BinaryPrimitives.ReadUInt32LittleEndian(frame) == TransformHeader.ProtocolId
            ? Decrypt(frame, length)
            : new InboundFrame(frame, length, Encrypted: false);
    }

    /// <summary>Decrypts a transform frame into a new buffer; <paramref name="frame"/> goes back to the pool either way.</summary>
    private InboundFrame Decrypt(byte[] frame, int length)
    {
        try
        {
            var session = Session;
            var sessionId = Smb2Cryptor.SessionIdOf(frame.AsSpan(0, length));
            if (session?.Cryptor is null || session.SessionId != sessionId)
            {
                throw new SmbProtocolException($"encrypted frame for unknown session 0x{sessionId:X16}");
            }
            var plainLength = Smb2Cryptor.PlaintextLength(frame.AsSpan(0, length));
            var plain = ArrayPool<byte>.Shared.Rent(plainLength);
            try
            {
                session.Cryptor.Decrypt(frame.AsSpan(0, length), plain);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(plain);
                throw;
            }
            return new InboundFrame(plain, plainLength, Encrypted: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }
}
