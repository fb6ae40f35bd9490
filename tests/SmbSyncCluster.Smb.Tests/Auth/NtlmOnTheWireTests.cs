using System.Buffers.Binary;
using System.Text;
using SmbSyncCluster.Smb.Auth.Spnego;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Tests.Integration;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Auth;

/// <summary>
/// The client's NTLM logon to Samba seen and altered by a man in the middle. The logon names the service
/// it is meant for. A rewritten final SESSION_SETUP response on an SMB 3.0.2 session that needs no
/// signing, its signed flag cleared (nothing below 3.1.1 demands it) and the server's SPNEGO mechListMIC
/// dropped, is refused: only the missing mechListMIC shows that the negotiation was tampered with.
/// </summary>
public sealed class NtlmOnTheWireTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private const int FlagsOffset = 16;
    private const byte SignedFlag = 0x08;
    private const int SignatureOffset = 48;
    private const int SignatureSize = 16;
    private const int FixedBodySize = 8; // StructureSize, SessionFlags, SecurityBufferOffset, SecurityBufferLength

    [Fact]
    public async Task A_final_response_stripped_of_the_servers_mechListMIC_is_refused()
    {
        using var proxy = ArmedProxy(stripMechListMic: true);

        var failure = await Record.ExceptionAsync(() => ConnectThroughAsync(proxy));

        Assert.True(proxy.Tampered);
        var refused = Assert.IsType<SmbProtocolException>(failure);
        Assert.Contains("mechListMIC", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_response_unsigned_but_with_its_mechListMIC_still_logs_on()
    {
        using var proxy = ArmedProxy(stripMechListMic: false);

        await using var client = await ConnectThroughAsync(proxy);

        Assert.True(proxy.Tampered);
        Assert.False(client.IsGuest);
    }

    [Fact]
    public async Task The_logon_names_the_cifs_service_on_the_host_as_given()
    {
        using var proxy = new TamperingProxy(samba.Server.Port);

        await using var client = await ConnectThroughAsync(proxy);

        // MsvAvTargetName (0x0009), its length, then UTF-16LE "cifs/127.0.0.1", inside the NTLMv2 response.
        var spn = Encoding.Unicode.GetBytes("cifs/127.0.0.1");
        byte[] pair = [0x09, 0x00, (byte)spn.Length, 0x00, .. spn];
        Assert.True(proxy.ClientTraffic.AsSpan().IndexOf(pair) >= 0);
    }

    private TamperingProxy ArmedProxy(bool stripMechListMic)
    {
        var proxy = new TamperingProxy(samba.Server.Port);
        proxy.ArmRewrite(TamperingProxy.Response(Smb2Command.SessionSetup, status: 0), messages =>
            [.. messages.Select(m => Unsigned(m, stripMechListMic))]);
        return proxy;
    }

    private Task<SmbShareClient> ConnectThroughAsync(TamperingProxy proxy) =>
        Samba.ConnectAsync(samba.Server, tweak: o => o with { Port = proxy.Port, Dialects = [Smb2Dialect.Smb302] });

    /// <summary>The response with its signature removed and, if asked, its final token re-encoded without the mechListMIC.</summary>
    private static byte[] Unsigned(byte[] response, bool stripMechListMic)
    {
        var bufferOffset = BinaryPrimitives.ReadUInt16LittleEndian(response.AsSpan(Smb2Header.Size + 4));
        var bufferLength = BinaryPrimitives.ReadUInt16LittleEndian(response.AsSpan(Smb2Header.Size + 6));
        var token = response.AsSpan(bufferOffset, bufferLength).ToArray();
        var reply = NegTokenResp.Parse(token);
        Assert.NotNull(reply.MechListMic); // Samba does send one, so stripping it is the attack
        if (stripMechListMic)
        {
            token = new NegTokenResp { State = reply.State, SupportedMech = reply.SupportedMech, ResponseToken = reply.ResponseToken }.Encode();
        }

        byte[] rewritten = [.. response.AsSpan(0, Smb2Header.Size + FixedBodySize), .. token];
        rewritten[FlagsOffset] &= unchecked((byte)~SignedFlag);
        rewritten.AsSpan(SignatureOffset, SignatureSize).Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(rewritten.AsSpan(Smb2Header.Size + 4), Smb2Header.Size + FixedBodySize);
        BinaryPrimitives.WriteUInt16LittleEndian(rewritten.AsSpan(Smb2Header.Size + 6), (ushort)token.Length);
        return rewritten;
    }
}
