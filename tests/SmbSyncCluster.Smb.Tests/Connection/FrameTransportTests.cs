using System.Buffers;
using System.Net.Sockets;
using SmbSyncCluster.Smb.Connection;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Tests.Connection;

/// <summary>
/// Frames written by <see cref="FrameWriter"/> and read by <see cref="FrameReceiver"/> over a memory
/// stream: the layout of a chain on the wire, and the frames the receiver refuses.
/// </summary>
public sealed class FrameTransportTests : IDisposable
{
    private const int ExtraCredits = 10;

    private readonly MemoryStream _wire = new();
    private readonly Socket _unusedSocket = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly CreditWindow _credits = new(TimeSpan.FromSeconds(5)) { MultiCredit = true };
    private readonly FrameWriter _writer;

    public FrameTransportTests()
    {
        _writer = new FrameWriter(_wire, new FileSender(_unusedSocket), _credits, ExtraCredits);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _unusedSocket.Dispose();
    }

    private async Task<byte[]> WriteAndReadBackAsync(RequestChain chain, RequestContext context)
    {
        await _writer.WriteAsync(chain, context);
        _wire.Position = 0;
        var frame = await new FrameReceiver(_wire).ReceiveAsync();
        try
        {
            Assert.False(frame.Encrypted);
            return frame.Buffer.AsSpan(0, frame.Length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame.Buffer);
        }
    }

    private RequestChain Chain(params Smb2Request[] requests)
    {
        var pending = new PendingRequests();
        var chain = new RequestChain(requests, _credits);
        for (var i = 0; i < chain.Count; i++)
        {
            chain.MessageIds[i] = pending.Register(new PendingRequest(requests[i].Command, null, false, false), chain.Charges[i]);
        }
        return chain;
    }

    [Fact]
    public async Task A_chain_goes_out_as_one_frame_of_8_byte_aligned_related_messages()
    {
        var data = new byte[100_000];
        var chain = Chain(
            new EmptyRequest(Smb2Command.Echo), new WriteRequest(new FileId(1, 2), 0, data), new EmptyRequest(Smb2Command.Echo));

        var frame = await WriteAndReadBackAsync(chain, new RequestContext(TreeId: 5, Related: true));

        Assert.Equal(chain.PlainLength, frame.Length);
        var offset = 0;
        var headers = new List<Smb2Header>();
        for (var i = 0; i < chain.Count; i++)
        {
            var header = Smb2Header.Read(frame.AsSpan(offset));
            headers.Add(header);
            Assert.Equal(0, offset % 8);
            offset += (int)header.NextCommand;
        }
        Assert.Equal([0UL, 1UL, 3UL], headers.Select(h => h.MessageId));
        Assert.Equal([(ushort)1, (ushort)2, (ushort)1], headers.Select(h => h.CreditCharge));
        Assert.Equal([(ushort)(1 + ExtraCredits), (ushort)(2 + ExtraCredits), (ushort)(1 + ExtraCredits)], headers.Select(h => h.Credits));
        Assert.Equal([false, true, true], headers.Select(h => (h.Flags & Smb2HeaderFlags.RelatedOperations) != 0));
        Assert.All(headers, h => Assert.Equal(5u, h.TreeId));
        Assert.Equal(0u, headers[^1].NextCommand);
    }

    [Fact]
    public async Task A_large_plain_write_carries_its_payload_at_the_end_of_the_frame()
    {
        var data = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        var chain = Chain(new WriteRequest(new FileId(1, 2), 0, data));

        var frame = await WriteAndReadBackAsync(chain, new RequestContext());

        Assert.Equal(data, frame[^data.Length..]);
        Assert.Equal(4, Smb2Header.Read(frame).CreditCharge);
    }

    [Fact]
    public async Task Without_credit_charges_the_header_says_zero()
    {
        _credits.MultiCredit = false;
        var chain = Chain(new EmptyRequest(Smb2Command.Echo));

        var frame = await WriteAndReadBackAsync(chain, new RequestContext());

        Assert.Equal(0, Smb2Header.Read(frame).CreditCharge);
    }

    [Fact]
    public async Task The_pre_authentication_hash_takes_in_each_message_as_sent()
    {
        var preauth = new PreauthHash();
        var chain = Chain(new EmptyRequest(Smb2Command.Echo));

        var frame = await WriteAndReadBackAsync(chain, new RequestContext(Preauth: preauth));

        var expected = new PreauthHash();
        expected.Update(frame);
        Assert.Equal(expected.Value.ToArray(), preauth.Value.ToArray());
    }

    private static MemoryStream Wire(params byte[] bytes) => new(bytes);

    [Theory]
    [InlineData(0x00, 0x00, 0x10, 0x00)] // 4096 bytes, over the limit set below
    [InlineData(0x00, 0x00, 0x00, 0x20)] // shorter than an SMB2 header
    [InlineData(0x85, 0x00, 0x00, 0x40)] // a NetBIOS session message type, not a direct-TCP frame
    public async Task A_frame_length_out_of_bounds_is_refused_before_it_is_read(byte b0, byte b1, byte b2, byte b3)
    {
        var receiver = new FrameReceiver(Wire(b0, b1, b2, b3)) { MaxFrame = 1024 };

        await Assert.ThrowsAsync<SmbProtocolException>(receiver.ReceiveAsync);
    }

    [Fact]
    public async Task A_frame_cut_short_by_the_transport_fails_with_the_streams_error()
    {
        var receiver = new FrameReceiver(Wire([0, 0, 0, 100, .. new byte[50]]));

        await Assert.ThrowsAsync<EndOfStreamException>(receiver.ReceiveAsync);
    }

    [Fact]
    public async Task An_encrypted_frame_for_no_known_session_is_refused()
    {
        var transform = new byte[TransformHeader.Size + Smb2Header.Size];
        BitConverter.GetBytes(TransformHeader.ProtocolId).CopyTo(transform, 0);
        BitConverter.GetBytes((uint)Smb2Header.Size).CopyTo(transform, TransformHeader.OriginalMessageSizeOffset);
        BitConverter.GetBytes(0x99UL).CopyTo(transform, TransformHeader.SessionIdOffset);
        var receiver = new FrameReceiver(Wire([.. FakeFrame(transform)]));

        var e = await Assert.ThrowsAsync<SmbProtocolException>(receiver.ReceiveAsync);

        Assert.Contains("unknown session", e.Message);
    }

    private static byte[] FakeFrame(byte[] message) => Tests.Protocol.FakeSmbServer.Frame(message);
}
