using System.Net.Sockets;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Protocol;

/// <summary>
/// A fake server on loopback that answers the client's NEGOTIATE with something broken. The client must
/// fail with an SMB error, promptly, without hanging or allocating what the server claims.
/// </summary>
public sealed class HostileServerTests
{
    private static async Task<Exception> ConnectToAsync(Func<NetworkStream, Task> behave)
    {
        using var server = FakeSmbServer.Start(behave);
        var options = new SmbClientOptions { Host = "127.0.0.1", Port = server.Port, RequestTimeout = TimeSpan.FromSeconds(2) };
        var failure = await Record.ExceptionAsync(() => SmbShareClient.ConnectAsync(options, "share").WaitAsync(TimeSpan.FromSeconds(20)));
        await Record.ExceptionAsync(() => server.Served);
        return Assert.IsAssignableFrom<SmbException>(failure);
    }

    private static byte[] Frame(byte[] message) => FakeSmbServer.Frame(message);

    private static byte[] NegotiateHeader(int bodyLength) =>
        FakeSmbServer.Message(new Smb2Header { Command = Smb2Command.Negotiate, Flags = Smb2HeaderFlags.ServerToRedir, Credits = 1 }, new byte[bodyLength]);

    [Fact]
    public async Task Garbage_is_a_protocol_error() =>
        Assert.IsType<SmbProtocolException>(await ConnectToAsync(s => s.WriteAsync(new byte[] { 0x85, 1, 2, 3, 4, 5, 6, 7 }).AsTask()));

    [Fact]
    public async Task A_huge_frame_length_is_refused_before_allocating() =>
        Assert.IsType<SmbProtocolException>(await ConnectToAsync(s => s.WriteAsync(new byte[] { 0, 0xFF, 0xFF, 0xFF }).AsTask()));

    [Fact]
    public async Task A_truncated_negotiate_response_is_a_protocol_error() =>
        Assert.IsType<SmbProtocolException>(await ConnectToAsync(s => s.WriteAsync(Frame(NegotiateHeader(10))).AsTask()));

    [Fact]
    public async Task A_negotiate_response_with_an_unoffered_dialect_is_refused()
    {
        var message = NegotiateHeader(65 + 7);
        var w = new WireWriter(message.AsSpan(Smb2Header.Size));
        w.WriteUInt16(65);
        w.WriteUInt16(1);
        w.WriteUInt16(0x0222); // no such dialect

        Assert.IsType<SmbProtocolException>(await ConnectToAsync(s => s.WriteAsync(Frame(message)).AsTask()));
    }

    /// <summary>An SMB 3.1.1 NEGOTIATE response choosing SHA-512 and the given cipher and signing algorithm.</summary>
    private static byte[] Smb311Negotiate(ushort cipher, ushort signing)
    {
        const int contextOffset = Smb2Header.Size + 64;
        var message = NegotiateHeader(64 + (3 * 16)); // three contexts of up to 8 bytes of data each
        var w = new WireWriter(message.AsSpan(Smb2Header.Size));
        w.WriteUInt16(65);
        w.WriteUInt16(1);
        w.WriteUInt16((ushort)Smb2Dialect.Smb311);
        w.WriteUInt16(3); // NegotiateContextCount
        w.WriteGuid(Guid.NewGuid());
        w.WriteUInt32(0x44); // large MTU, encryption
        w.WriteUInt32(1 << 20);
        w.WriteUInt32(1 << 20);
        w.WriteUInt32(1 << 20);
        w.WriteZeros(16); // SystemTime, ServerStartTime
        w.WriteUInt16(0); // no security buffer
        w.WriteUInt16(0);
        w.WriteUInt32(contextOffset);
        w = new WireWriter(message.AsSpan(contextOffset));
        foreach (var (type, data) in new (ushort, ushort[])[] { (1, [1, 0, 1]), (2, [1, cipher]), (8, [1, signing]) })
        {
            w.WriteUInt16(type);
            w.WriteUInt16((ushort)(data.Length * 2));
            w.WriteUInt32(0);
            foreach (var value in data)
            {
                w.WriteUInt16(value);
            }
            w.WriteZeros(NegotiateContext.Align8(data.Length * 2) - (data.Length * 2));
        }
        return message;
    }

    [Theory]
    [InlineData((ushort)0x0009, (ushort)0x0002)] // a cipher that does not exist
    [InlineData((ushort)0x0002, (ushort)0x0007)] // a signing algorithm that does not exist
    public async Task A_cipher_or_signing_algorithm_not_offered_is_a_protocol_error(ushort cipher, ushort signing)
    {
        var failure = await ConnectToAsync(s => s.WriteAsync(Frame(Smb311Negotiate(cipher, signing))).AsTask());

        Assert.IsType<SmbProtocolException>(failure);
        Assert.Contains("not offered", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cipher_known_but_not_offered_is_a_protocol_error()
    {
        using var server = FakeSmbServer.Start(s => s.WriteAsync(Frame(Smb311Negotiate((ushort)Smb2Cipher.Aes256Gcm, 2))).AsTask());
        var options = new SmbClientOptions { Host = "127.0.0.1", Port = server.Port, Ciphers = [Smb2Cipher.Aes128Gcm], RequestTimeout = TimeSpan.FromSeconds(2) };

        var failure = await Record.ExceptionAsync(() => SmbShareClient.ConnectAsync(options, "share"));

        Assert.IsType<SmbProtocolException>(failure);
    }

    [Fact]
    public async Task A_server_that_closes_is_a_connection_error() =>
        Assert.IsType<SmbConnectionException>(await ConnectToAsync(s =>
        {
            s.Close();
            return Task.CompletedTask;
        }));

    [Fact]
    public async Task A_server_that_never_answers_times_out() =>
        Assert.IsType<SmbConnectionException>(await ConnectToAsync(_ => Task.Delay(TimeSpan.FromSeconds(5))));

    [Fact]
    public async Task A_request_instead_of_a_response_is_refused()
    {
        var message = NegotiateHeader(65);
        message[16] = 0; // clear SMB2_FLAGS_SERVER_TO_REDIR

        Assert.IsType<SmbProtocolException>(await ConnectToAsync(s => s.WriteAsync(Frame(message)).AsTask()));
    }

    [Fact]
    public async Task A_garbage_security_token_is_a_protocol_error()
    {
        var failure = await ConnectToAsync(async s =>
        {
            var negotiate = new Smb2Header { Command = Smb2Command.Negotiate, Credits = 8, Flags = Smb2HeaderFlags.ServerToRedir };
            await s.WriteAsync(Frame(FakeSmbServer.Message(negotiate, InterimResponseTests.Smb21NegotiateBody())));
            var prefix = new byte[4];
            await s.ReadExactlyAsync(prefix);
            await s.ReadExactlyAsync(new byte[(prefix[1] << 16) | (prefix[2] << 8) | prefix[3]]);
            var body = new byte[8 + 16];
            var w = new WireWriter(body);
            w.WriteUInt16(9);
            w.WriteUInt16(0);
            w.WriteUInt16(Smb2Header.Size + 8);
            w.WriteUInt16(16);
            Random.Shared.NextBytes(body.AsSpan(8));
            body[8] = 0xA1; // looks like a NegTokenResp, but is not one
            var challenge = new Smb2Header
            {
                Command = Smb2Command.SessionSetup, Status = NtStatus.MoreProcessingRequired, Credits = 8, MessageId = 1, SessionId = 5,
                Flags = Smb2HeaderFlags.ServerToRedir,
            };
            await s.WriteAsync(Frame(FakeSmbServer.Message(challenge, body)));
        });

        Assert.IsType<SmbProtocolException>(failure);
    }
}
