using System.Buffers.Binary;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>
/// SMB 3.0 and 3.0.2 sign nothing before the session: the client has Samba confirm its NEGOTIATE answer
/// over the signed session (FSCTL_VALIDATE_NEGOTIATE_INFO), so a rewritten answer is caught.
/// </summary>
public sealed class NegotiateValidationTests(SambaFixture samba, SigningMandatorySambaFixture signed)
    : IClassFixture<SambaFixture>, IClassFixture<SigningMandatorySambaFixture>
{
    private const int CapabilitiesOffset = Smb2Header.Size + 24;
    private const uint LargeMtuAndEncryption = 0x44;

    [Theory]
    [InlineData(Smb2Dialect.Smb300, false)]
    [InlineData(Smb2Dialect.Smb302, false)]
    [InlineData(Smb2Dialect.Smb300, true)]
    [InlineData(Smb2Dialect.Smb302, true)]
    public async Task Samba_confirms_an_untouched_negotiation(Smb2Dialect dialect, bool signingMandatory)
    {
        var server = signingMandatory ? signed.Server : samba.Server;
        await using var client = await Samba.ConnectAsync(server, tweak: o => o with { Dialects = [dialect] });

        await RoundTrip.AssertWorksAsync(client, server);
        Assert.Equal(dialect, client.Dialect);
    }

    [Theory]
    [InlineData(Smb2Dialect.Smb300)]
    [InlineData(Smb2Dialect.Smb302)]
    public async Task Capabilities_dropped_from_the_negotiate_response_are_caught(Smb2Dialect dialect)
    {
        using var proxy = new TamperingProxy(samba.Server.Port);
        proxy.ArmRewrite(TamperingProxy.Response(Smb2Command.Negotiate), messages =>
        {
            var capabilities = messages[0].AsSpan(CapabilitiesOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(capabilities, BinaryPrimitives.ReadUInt32LittleEndian(capabilities) & ~LargeMtuAndEncryption);
            return messages;
        });

        var failure = await Record.ExceptionAsync(() =>
            Samba.ConnectAsync(samba.Server, tweak: o => o with { Port = proxy.Port, Dialects = [dialect] }));

        Assert.True(proxy.Tampered);
        Assert.IsType<SmbProtocolException>(failure);
        Assert.Contains("altered in transit", failure.Message, StringComparison.Ordinal);
    }
}
