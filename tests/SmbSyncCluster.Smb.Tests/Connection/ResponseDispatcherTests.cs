using System.Buffers;
using SmbSyncCluster.Smb.Connection;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Connection;

/// <summary>
/// Received frames handed to the dispatcher directly: which waiting request each response completes,
/// which credits count, and which responses <see cref="ResponseCheck"/> refuses.
/// </summary>
public sealed class ResponseDispatcherTests
{
    private readonly PendingRequests _pending = new();
    private readonly CreditWindow _credits = new(TimeSpan.FromSeconds(5)) { MultiCredit = true };
    private readonly ResponseDispatcher _dispatcher;

    public ResponseDispatcherTests()
    {
        _dispatcher = new ResponseDispatcher(_pending, _credits);
    }

    private PendingRequest Send(Smb2Command command, int charge = 1, bool encrypted = false)
    {
        var request = new PendingRequest(command, null, signed: false, encrypted);
        _pending.Register(request, charge);
        return request;
    }

    [Fact]
    public async Task A_compound_frame_completes_each_request_with_its_own_response()
    {
        var create = Send(Smb2Command.Create);
        var read = Send(Smb2Command.Read);

        _dispatcher.Dispatch(Frames.Inbound(Frames.Compound(
            Frames.Response(Smb2Command.Create, 0, credits: 5, body: [9, 0, 1, 1, 1, 1, 1, 1, 1]),
            Frames.Response(Smb2Command.Read, 1, credits: 7, body: [9, 0, 2, 2, 2, 2, 2, 2, 2]))));

        using var first = await create.Task;
        using var second = await read.Task;
        Assert.Equal(Smb2Command.Create, first.Header.Command);
        Assert.Equal(1, first.Span[Smb2Header.Size + 2]);
        Assert.Equal(Smb2Command.Read, second.Header.Command);
        Assert.Equal(2, second.Span[Smb2Header.Size + 2]);
        Assert.Equal(1 + 5 + 7, _credits.Available);
        Assert.Equal(0, _pending.Count);
    }

    [Fact]
    public void A_response_to_no_request_is_dropped_with_its_credits()
    {
        var waiting = Send(Smb2Command.Read);

        _dispatcher.Dispatch(Frames.Inbound(Frames.Response(Smb2Command.Read, messageId: 42, credits: 100)));

        Assert.False(waiting.Task.IsCompleted);
        Assert.Equal(1, _credits.Available);
    }

    [Fact]
    public async Task An_interim_response_keeps_the_request_waiting_and_remembers_its_async_id()
    {
        var write = Send(Smb2Command.Write);

        _dispatcher.Dispatch(Frames.Inbound(Frames.Interim(Smb2Command.Write, 0, asyncId: 77)));

        Assert.False(write.Task.IsCompleted);
        Assert.Equal(77UL, write.AsyncId);

        _dispatcher.Dispatch(Frames.Inbound(Frames.Response(Smb2Command.Write, 0)));

        using var response = await write.Task;
        Assert.Equal(Smb2Command.Write, response.Header.Command);
    }

    [Fact]
    public void The_answer_to_an_abandoned_request_still_brings_its_credits()
    {
        var abandoned = Send(Smb2Command.Read);
        abandoned.TrySetCanceled();

        _dispatcher.Dispatch(Frames.Inbound(Frames.Response(Smb2Command.Read, 0, credits: 9)));

        Assert.Equal(1 + 9, _credits.Available);
        Assert.Equal(0, _pending.Count);
    }

    [Fact]
    public void The_answer_to_an_abandoned_request_goes_back_to_the_pool_once()
    {
        // A size no other test receives, so that the pool's bucket holds only what this test returns.
        const int length = 700_000;
        var abandoned = Send(Smb2Command.Read);
        abandoned.TrySetCanceled();

        _dispatcher.Dispatch(Frames.Inbound(Frames.Response(Smb2Command.Read, 0, body: new byte[length - Smb2Header.Size])));

        // Returned twice, the buffer would be handed out twice, to two owners at once.
        var rented = Enumerable.Range(0, 3).Select(_ => ArrayPool<byte>.Shared.Rent(length)).ToArray();
        Assert.Equal(rented.Length, rented.Distinct(ReferenceEqualityComparer.Instance).Count());
        foreach (var buffer in rented)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [Fact]
    public void A_response_for_another_command_is_refused()
    {
        var read = Send(Smb2Command.Read);

        var e = Assert.Throws<SmbProtocolException>(() =>
            _dispatcher.Dispatch(Frames.Inbound(Frames.Response(Smb2Command.Write, 0))));

        Assert.Contains("answers a Read request", e.Message);
        Assert.False(read.Task.IsCompleted);
    }

    [Fact]
    public void A_response_for_another_session_is_refused()
    {
        Send(Smb2Command.Read);

        Assert.Throws<SmbProtocolException>(() =>
            _dispatcher.Dispatch(Frames.Inbound(Frames.Response(Smb2Command.Read, 0, sessionId: 0x1234))));
    }

    [Fact]
    public async Task The_first_session_setup_is_answered_with_the_session_id_the_server_assigns()
    {
        var setup = Send(Smb2Command.SessionSetup);

        _dispatcher.Dispatch(Frames.Inbound(Frames.Response(Smb2Command.SessionSetup, 0, sessionId: 0x1234)));

        using var response = await setup.Task;
        Assert.Equal(0x1234UL, response.Header.SessionId);
    }

    [Fact]
    public async Task An_encrypted_request_takes_only_an_encrypted_response()
    {
        var first = Send(Smb2Command.Read, encrypted: true);

        var e = Assert.Throws<SmbProtocolException>(() =>
            _dispatcher.Dispatch(Frames.Inbound(Frames.Response(Smb2Command.Read, 0))));
        Assert.Contains("unencrypted", e.Message);

        _dispatcher.Dispatch(Frames.Inbound(Frames.Response(Smb2Command.Read, 0), encrypted: true));
        using var response = await first.Task;
    }

    [Fact]
    public void An_interim_response_in_the_sync_form_is_refused()
    {
        Send(Smb2Command.Write);
        var interim = Frames.Interim(Smb2Command.Write, 0, asyncId: 1);
        interim[Smb2Header.FlagsOffset] &= unchecked((byte)~(uint)Smb2HeaderFlags.AsyncCommand);

        Assert.Throws<SmbProtocolException>(() => _dispatcher.Dispatch(Frames.Inbound(interim)));
    }

    [Fact]
    public void A_message_without_the_response_flag_is_refused()
    {
        Send(Smb2Command.Read);
        var request = Frames.Response(Smb2Command.Read, 0);
        request[Smb2Header.FlagsOffset] = 0;

        Assert.Throws<SmbProtocolException>(() => _dispatcher.Dispatch(Frames.Inbound(request)));
    }

    [Theory]
    [InlineData(8u)] // inside the header
    [InlineData(4096u)] // past the end of the frame
    public void A_chain_pointer_outside_the_frame_is_refused(uint nextCommand)
    {
        Send(Smb2Command.Read);
        var frame = Frames.Compound(Frames.Response(Smb2Command.Read, 0), Frames.Response(Smb2Command.Read, 1));
        BitConverter.GetBytes(nextCommand).CopyTo(frame, Smb2Header.NextCommandOffset);

        Assert.Throws<SmbProtocolException>(() => _dispatcher.Dispatch(Frames.Inbound(frame)));
    }
}
