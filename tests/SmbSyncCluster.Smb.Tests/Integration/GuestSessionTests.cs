using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>
/// Samba maps an unknown user to guest (<c>map to guest = bad user</c>), and a man in the middle can set
/// the unsigned IS_GUEST flag on a real logon: a session admitted as guest after a user was named is
/// refused, unless guest access was asked for.
/// </summary>
public sealed class GuestSessionTests(SambaFixture samba, SigningMandatorySambaFixture signed)
    : IClassFixture<SambaFixture>, IClassFixture<SigningMandatorySambaFixture>
{
    private static readonly SmbCredentials Stranger = new(SambaServer.Domain, "nosuchuser", "whatever");

    [Fact]
    public async Task An_unknown_user_mapped_to_guest_is_refused()
    {
        var failure = await Record.ExceptionAsync(() =>
            Samba.ConnectAsync(samba.Server, SambaServer.GuestShareName, o => o with { Credentials = Stranger }));

        var refused = Assert.IsType<SmbAuthenticationException>(failure);
        Assert.Contains("only as guest", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("whatever", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_user_works_as_guest_when_guest_access_is_asked_for()
    {
        await using var client = await Samba.ConnectAsync(samba.Server, SambaServer.GuestShareName,
            o => o with { Credentials = Stranger, AllowGuest = true });

        await client.WriteAllBytesAsync("stranger.txt", new byte[] { 7 });

        Assert.True(client.IsGuest);
        Assert.Equal([7], File.ReadAllBytes(Path.Combine(samba.Server.SharePath(SambaServer.GuestShareName), "stranger.txt")));
    }

    [Fact]
    public async Task A_real_logon_relabelled_guest_in_flight_is_refused()
    {
        using var proxy = new TamperingProxy(signed.Server.Port);
        proxy.ArmRewrite(TamperingProxy.Response(Smb2Command.SessionSetup, status: 0), messages =>
        {
            messages[0][Smb2Header.Size + 2] |= (byte)SessionSetupResponse.IsGuest; // SessionFlags
            return messages;
        });

        var failure = await Record.ExceptionAsync(() => Samba.ConnectAsync(signed.Server, tweak: o => o with { Port = proxy.Port }));

        Assert.True(proxy.Tampered);
        Assert.IsType<SmbAuthenticationException>(failure);
    }
}
