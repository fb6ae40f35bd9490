using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>A SESSION_SETUP that goes on after the client has sent all it has: refused, not looped on.</summary>
public sealed class SessionSetupRoundsTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    [Fact]
    public async Task More_processing_asked_after_the_last_token_is_a_protocol_error()
    {
        const uint moreProcessingRequired = 0xC0000016;
        using var proxy = new TamperingProxy(samba.Server.Port);
        proxy.ArmRewrite(TamperingProxy.Response(Smb2Command.SessionSetup, status: 0), messages =>
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(messages[0].AsSpan(8), moreProcessingRequired);
            messages[0].AsSpan(Smb2Header.Size + 4, 4).Clear(); // no security buffer
            return messages;
        });

        var failure = await Record.ExceptionAsync(() => Samba.ConnectAsync(samba.Server, tweak: o => o with { Port = proxy.Port }));

        Assert.True(proxy.Tampered);
        Assert.IsType<SmbProtocolException>(failure);
    }
}
