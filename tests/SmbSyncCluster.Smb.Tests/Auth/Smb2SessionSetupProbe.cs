using System.Buffers.Binary;
using System.Net.Sockets;
using SmbSyncCluster.Smb.Auth;

namespace SmbSyncCluster.Smb.Tests.Auth;

/// <summary>
/// Just enough SMB2 over TCP ([MS-SMB2] 2.2.1-2.2.6) to run an authenticator against a real server:
/// NEGOTIATE for dialects 2.0.2-3.0.2 (no negotiate contexts or preauth hash), then SESSION_SETUP until the
/// server stops asking for more. The SMB client proper lives elsewhere; this only exercises authentication.
/// </summary>
internal sealed class Smb2SessionSetupProbe : IAsyncDisposable
{
    public const uint StatusSuccess = 0x00000000;
    public const uint StatusMoreProcessingRequired = 0xC0000016;
    public const ushort Dialect302 = 0x0302;

    private const int HeaderSize = 64;
    private const ushort NegotiateCommand = 0;
    private const ushort SessionSetupCommand = 1;
    private const byte SigningEnabled = 0x01;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private ulong _messageId;

    private Smb2SessionSetupProbe(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public ushort Dialect { get; private set; }

    public static async Task<Smb2SessionSetupProbe> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var probe = new Smb2SessionSetupProbe(tcp);
        await probe.NegotiateAsync();
        return probe;
    }

    /// <summary>Runs the whole SESSION_SETUP exchange; returns the final status and the final response message.</summary>
    public async Task<(uint Status, byte[] Response)> SessionSetupAsync(ISmbAuthenticator auth)
    {
        ulong sessionId = 0;
        var token = auth.Step([]);
        while (true)
        {
            var body = new byte[24 + token.Length];
            BinaryPrimitives.WriteUInt16LittleEndian(body, 25); // StructureSize
            body[3] = SigningEnabled;
            BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), HeaderSize + 24); // SecurityBufferOffset
            BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)token.Length);
            token.CopyTo(body, 24);

            var response = await SendAsync(SessionSetupCommand, sessionId, body);
            var status = BinaryPrimitives.ReadUInt32LittleEndian(response.AsSpan(8));
            sessionId = BinaryPrimitives.ReadUInt64LittleEndian(response.AsSpan(40));
            if (status != StatusMoreProcessingRequired)
            {
                return (status, response);
            }
            token = auth.Step(SecurityBuffer(response));
        }
    }

    /// <summary>The security buffer of a SESSION_SETUP response ([MS-SMB2] 2.2.6).</summary>
    public static byte[] SecurityBuffer(byte[] response)
    {
        var offset = BinaryPrimitives.ReadUInt16LittleEndian(response.AsSpan(HeaderSize + 4));
        var length = BinaryPrimitives.ReadUInt16LittleEndian(response.AsSpan(HeaderSize + 6));
        return length == 0 ? [] : response.AsSpan(offset, length).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task NegotiateAsync()
    {
        ushort[] dialects = [0x0202, 0x0210, 0x0300, Dialect302];
        var body = new byte[36 + (2 * dialects.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 36); // StructureSize
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)dialects.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(4), SigningEnabled);
        Guid.NewGuid().TryWriteBytes(body.AsSpan(12));
        for (var i = 0; i < dialects.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(36 + (2 * i)), dialects[i]);
        }
        var response = await SendAsync(NegotiateCommand, 0, body);
        Assert.Equal(StatusSuccess, BinaryPrimitives.ReadUInt32LittleEndian(response.AsSpan(8)));
        Dialect = BinaryPrimitives.ReadUInt16LittleEndian(response.AsSpan(HeaderSize + 4));
    }

    private async Task<byte[]> SendAsync(ushort command, ulong sessionId, byte[] body)
    {
        var message = new byte[4 + HeaderSize + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)(HeaderSize + body.Length)); // Direct TCP length
        var header = message.AsSpan(4, HeaderSize);
        header[0] = 0xFE; // ProtocolId 0xFE 'S' 'M' 'B'
        "SMB"u8.CopyTo(header[1..]);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 1); // CreditCharge
        BinaryPrimitives.WriteUInt16LittleEndian(header[12..], command);
        BinaryPrimitives.WriteUInt16LittleEndian(header[14..], 8); // CreditRequest
        BinaryPrimitives.WriteUInt64LittleEndian(header[24..], _messageId++);
        BinaryPrimitives.WriteUInt64LittleEndian(header[40..], sessionId);
        body.CopyTo(message, 4 + HeaderSize);
        await _stream.WriteAsync(message);

        var length = new byte[4];
        await _stream.ReadExactlyAsync(length);
        var response = new byte[BinaryPrimitives.ReadUInt32BigEndian(length) & 0x00FFFFFF];
        await _stream.ReadExactlyAsync(response);
        return response;
    }
}
