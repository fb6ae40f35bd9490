using System.Net.Sockets;
using SmbSyncCluster.Smb.Connection;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Protocol;

/// <summary>
/// A scripted server sends responses that do not answer the request they name: another command, an
/// interim that is no interim, answers to requests never sent, more credits than anyone could use.
/// </summary>
public sealed class ResponseMatchingTests
{
    private static readonly SmbClientOptions Options = new() { Host = "127.0.0.1", RequestTimeout = TimeSpan.FromSeconds(3) };

    private static byte[] Frame(Smb2Header header, byte[] body) => FakeSmbServer.Frame(FakeSmbServer.Message(header, body));

    private static byte[] Negotiate(ushort credits) =>
        Frame(new Smb2Header { Command = Smb2Command.Negotiate, Credits = credits, Flags = Smb2HeaderFlags.ServerToRedir },
            InterimResponseTests.Smb21NegotiateBody());

    private static byte[] Interim(Smb2Command command, Smb2HeaderFlags flags) =>
        Frame(new Smb2Header { Command = command, Status = NtStatus.Pending, AsyncId = 7, Flags = Smb2HeaderFlags.ServerToRedir | flags },
            [9, 0, 0, 0, 0, 0, 0, 0, 0]);

    private static async Task<Exception?> ConnectAsync(Func<NetworkStream, Task> script)
    {
        using var server = FakeSmbServer.Start(async s =>
        {
            await script(s);
            _ = await s.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false);
        });
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var connection = await Smb2Connection.ConnectAsync(Options with { Port = server.Port }, CancellationToken.None);
        });
        await Record.ExceptionAsync(() => server.Served.WaitAsync(TimeSpan.FromSeconds(10)));
        return failure;
    }

    /// <summary>An interim response for another command, or a pending status in the sync form (never sent as interim).</summary>
    [Theory]
    [InlineData((ushort)Smb2Command.SessionSetup, (uint)Smb2HeaderFlags.AsyncCommand)]
    [InlineData((ushort)Smb2Command.Negotiate, (uint)Smb2HeaderFlags.None)]
    public async Task A_malformed_interim_response_is_a_protocol_error(ushort command, uint flags)
    {
        var failure = await ConnectAsync(async s =>
        {
            await s.WriteAsync(Interim((Smb2Command)command, (Smb2HeaderFlags)flags));
            await s.WriteAsync(Negotiate(8));
        });

        Assert.IsType<SmbProtocolException>(failure);
    }

    [Fact]
    public async Task Responses_to_requests_never_sent_are_dropped_with_their_credits()
    {
        using var server = FakeSmbServer.Start(async s =>
        {
            for (var i = 0; i < 100; i++)
            {
                var stray = new Smb2Header { Command = Smb2Command.Read, Credits = ushort.MaxValue, MessageId = 1000 + (ulong)i, Flags = Smb2HeaderFlags.ServerToRedir };
                await s.WriteAsync(Frame(stray, new byte[16]));
            }
            await s.WriteAsync(Negotiate(1));
            _ = await s.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false);
        });
        await using var connection = await Smb2Connection.ConnectAsync(Options with { Port = server.Port }, CancellationToken.None);

        var (charge, _) = await connection.ReserveIoAsync(100 * 65536, CancellationToken.None);

        Assert.Equal(1, charge); // the one credit NEGOTIATE granted, none of the strays'
    }

    [Fact]
    public async Task Credits_beyond_any_use_are_a_protocol_error()
    {
        using var server = FakeSmbServer.Start(async s =>
        {
            await s.WriteAsync(Negotiate(ushort.MaxValue));
            var prefix = new byte[4];
            await s.ReadExactlyAsync(prefix);
            await s.ReadExactlyAsync(new byte[(prefix[1] << 16) | (prefix[2] << 8) | prefix[3]]);
            var echo = new Smb2Header { Command = Smb2Command.Echo, Credits = ushort.MaxValue, MessageId = 1, Flags = Smb2HeaderFlags.ServerToRedir };
            await s.WriteAsync(Frame(echo, [4, 0, 0, 0]));
            _ = await s.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false);
        });
        await using var connection = await Smb2Connection.ConnectAsync(Options with { Port = server.Port }, CancellationToken.None);

        var failure = await Record.ExceptionAsync(() => connection.SendAsync([new EmptyRequest(Smb2Command.Echo)], new RequestContext(), CancellationToken.None));

        Assert.IsType<SmbProtocolException>(failure);
    }
}
