using SmbSyncCluster.Smb.Connection;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Protocol;

/// <summary>
/// A scripted server answers NEGOTIATE first with an interim STATUS_PENDING (async form) and only later
/// with the real response: the client keeps waiting for the final one ([MS-SMB2] 3.2.5.1.5).
/// </summary>
public sealed class InterimResponseTests
{
    private static byte[] Frame(Smb2Header header, byte[] body) => FakeSmbServer.Frame(FakeSmbServer.Message(header, body));

    internal static byte[] Smb21NegotiateBody()
    {
        var body = new byte[65];
        var w = new WireWriter(body);
        w.WriteUInt16(65);
        w.WriteUInt16(1); // SecurityMode: signing enabled
        w.WriteUInt16((ushort)Smb2Dialect.Smb210);
        w.WriteUInt16(0);
        w.WriteGuid(Guid.NewGuid());
        w.WriteUInt32(0x4); // large MTU
        w.WriteUInt32(1 << 20);
        w.WriteUInt32(1 << 20);
        w.WriteUInt32(1 << 20);
        return body;
    }

    [Fact]
    public async Task An_interim_pending_response_keeps_the_request_waiting_for_the_final_one()
    {
        using var server = FakeSmbServer.Start(async stream =>
        {
            var interim = new Smb2Header
            {
                Command = Smb2Command.Negotiate, Status = NtStatus.Pending, AsyncId = 99, Credits = 1,
                Flags = Smb2HeaderFlags.ServerToRedir | Smb2HeaderFlags.AsyncCommand,
            };
            await stream.WriteAsync(Frame(interim, [9, 0, 0, 0, 0, 0, 0, 0, 0]));
            await Task.Delay(300);
            var final = new Smb2Header { Command = Smb2Command.Negotiate, Credits = 8, Flags = Smb2HeaderFlags.ServerToRedir };
            await stream.WriteAsync(Frame(final, Smb21NegotiateBody()));
            _ = await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false); // hold the connection until the client closes it
        });
        var options = new SmbClientOptions { Host = "127.0.0.1", Port = server.Port };

        await using (var connection = await Smb2Connection.ConnectAsync(options, CancellationToken.None))
        {
            Assert.Equal(Smb2Dialect.Smb210, connection.Dialect);
            Assert.Equal(1 << 20, connection.MaxReadSize);
        }
        await server.Served.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
