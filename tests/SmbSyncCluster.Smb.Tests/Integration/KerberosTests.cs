using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Auth.Spnego;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>
/// Kerberos against a real Samba AD DC whose file server requires signing and refuses NTLM: a session that
/// works there authenticated with Kerberos and signs with the Kerberos session key.
/// </summary>
[Collection(SambaDomainCollection.Name)]
public sealed class KerberosTests(SambaDomainFixture domain)
{
    private SambaDomainController Dc => domain.Controller;

    private SmbClientOptions Options(SmbCredentials credentials, SmbAuthMethod method = SmbAuthMethod.Negotiate) => new()
    {
        Host = "127.0.0.1",
        Port = Dc.Port,
        Credentials = credentials,
        Authentication = method,
        ServicePrincipal = SambaDomainController.ServicePrincipal,
    };

    private static SmbCredentials Alice(string? password = SambaDomainController.Password) =>
        new(SambaDomainController.Realm, SambaDomainController.UserName, password ?? "");

    private async Task AssertRoundTripAsync(SmbClientOptions options)
    {
        await using var client = await SmbShareClient.ConnectAsync(options, SambaDomainController.ShareName);
        var name = "k" + Guid.NewGuid().ToString("N")[..12];
        var payload = new byte[100_000];
        Random.Shared.NextBytes(payload);

        await client.WriteAllBytesAsync(name, payload);
        var back = await client.ReadAllBytesAsync(name);

        Assert.Equal(payload, back);
        Assert.Equal(payload, File.ReadAllBytes(Path.Combine(Dc.SharePath, name)));
        Assert.True(client.IsSigned);
    }

    public static TheoryData<Smb2Dialect> Dialects => new() { Smb2Dialect.Smb210, Smb2Dialect.Smb302, Smb2Dialect.Smb311 };

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_password_gets_a_ticket_and_signs_where_NTLM_is_refused(Smb2Dialect dialect) =>
        await AssertRoundTripAsync(Options(Alice(), SmbAuthMethod.Kerberos) with { Dialects = [dialect] });

    public static TheoryData<Smb2Cipher> Ciphers => new() { Smb2Cipher.Aes128Gcm, Smb2Cipher.Aes256Gcm, Smb2Cipher.Aes256Ccm };

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task Encryption_keys_come_from_the_Kerberos_session_key(Smb2Cipher cipher)
    {
        var options = Options(Alice()) with { RequireEncryption = true, Ciphers = [cipher] };
        await using var client = await SmbShareClient.ConnectAsync(options, SambaDomainController.ShareName);

        await client.WriteAllBytesAsync("enc-" + cipher, new byte[] { 1, 2, 3 });

        Assert.True(client.IsEncrypted);
        Assert.Equal(cipher, client.Cipher);
        Assert.Equal([1, 2, 3], await client.ReadAllBytesAsync("enc-" + cipher));
    }

    [Fact]
    public async Task Negotiate_uses_a_ticket_from_the_cache_kinit_filled()
    {
        Dc.Kinit();

        await AssertRoundTripAsync(Options(Alice(password: null)));
        await AssertRoundTripAsync(Options(SmbCredentials.Anonymous, SmbAuthMethod.Kerberos)); // the cache's own principal
        Assert.True(SmbKerberos.HasTicketOrKeytab(Alice(password: null)));
    }

    [Fact]
    public async Task A_keytab_is_a_credential()
    {
        var credentials = new SmbCredentials(SambaDomainController.Realm, SambaDomainController.UserName, "") { Keytab = Dc.Keytab };

        await AssertRoundTripAsync(Options(credentials));
        Assert.True(SmbKerberos.HasTicketOrKeytab(credentials));
    }

    [Fact]
    public async Task NTLM_against_the_server_that_refuses_it_fails_as_an_authentication_error()
    {
        var e = await Assert.ThrowsAsync<SmbAuthenticationException>(() => SmbShareClient.ConnectAsync(Options(Alice(), SmbAuthMethod.Ntlm), SambaDomainController.ShareName));

        Assert.Equal(NtStatus.NtlmBlocked, e.Status);
        Assert.EndsWith("STATUS_NTLM_BLOCKED (0xC0000418)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SambaDomainController.Password, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_service_principal_is_named()
    {
        var options = Options(Alice(), SmbAuthMethod.Kerberos) with { ServicePrincipal = "cifs/nosuchserver.smbsync.test" };

        var e = await Assert.ThrowsAsync<SmbAuthenticationException>(() => SmbShareClient.ConnectAsync(options, SambaDomainController.ShareName));

        Assert.Contains("the KDC does not know the service principal cifs/nosuchserver.smbsync.test@SMBSYNC.TEST", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Negotiate_falls_back_to_NTLM_only_when_Kerberos_failed_before_sending_anything()
    {
        var unknownSpn = Options(Alice()) with { ServicePrincipal = "cifs/nosuchserver.smbsync.test" };

        var negotiate = await Assert.ThrowsAsync<SmbAuthenticationException>(() => SmbShareClient.ConnectAsync(unknownSpn, SambaDomainController.ShareName));
        var kerberos = await Assert.ThrowsAsync<SmbAuthenticationException>(() => SmbShareClient.ConnectAsync(unknownSpn with { Authentication = SmbAuthMethod.Kerberos }, SambaDomainController.ShareName));

        Assert.Equal(NtStatus.NtlmBlocked, negotiate.Status); // NTLM was tried, and this server refuses it
        Assert.Contains("Kerberos: the KDC does not know the service principal", kerberos.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_ticket_keytab_or_password_is_told_how_to_get_one()
    {
        var bob = new SmbCredentials(SambaDomainController.Realm, SambaDomainController.OtherUserName, "");

        var e = await Assert.ThrowsAsync<SmbAuthenticationException>(() => SmbShareClient.ConnectAsync(Options(bob, SmbAuthMethod.Kerberos), SambaDomainController.ShareName));

        Assert.Contains("no ticket, keytab or password for bob@SMBSYNC.TEST (run kinit", e.Message, StringComparison.Ordinal);
        Assert.False(SmbKerberos.HasTicketOrKeytab(bob));
    }

    [Fact]
    public async Task An_unreachable_KDC_is_named_and_Kerberos_never_falls_back_to_NTLM()
    {
        var stranger = new SmbCredentials(SambaDomainController.UnreachableRealm, "carol", "Carol-Pa55!");

        var e = await Assert.ThrowsAsync<SmbAuthenticationException>(() => SmbShareClient.ConnectAsync(Options(stranger, SmbAuthMethod.Kerberos), SambaDomainController.ShareName));

        Assert.Contains("cannot reach a KDC", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_being_printed()
    {
        const string wrong = "Wr0ng-Pa55-Secret!";

        var e = await Assert.ThrowsAsync<SmbAuthenticationException>(() => SmbShareClient.ConnectAsync(Options(Alice(wrong), SmbAuthMethod.Kerberos), SambaDomainController.ShareName));

        Assert.Contains("the KDC refused the password or key of alice@SMBSYNC.TEST", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_claims_success_without_an_AP_REP_is_refused()
    {
        using var kerberos = new KerberosAuthenticator($"alice@{SambaDomainController.Realm}", SambaDomainController.Password, null, SambaDomainController.ServicePrincipal + "@" + SambaDomainController.Realm);
        kerberos.Step([]);

        var e = Assert.Throws<AuthenticationProtocolException>(() => kerberos.Complete(new NegTokenResp { State = NegState.AcceptCompleted }.Encode(), admittedAsGuest: false));

        Assert.Contains("did not prove its identity", e.Message, StringComparison.Ordinal);
        Assert.False(kerberos.IsComplete);
    }

    [Fact]
    public void A_server_that_picks_NTLM_instead_is_refused()
    {
        using var kerberos = new KerberosAuthenticator($"alice@{SambaDomainController.Realm}", SambaDomainController.Password, null, SambaDomainController.ServicePrincipal + "@" + SambaDomainController.Realm);
        kerberos.Step([]);
        var downgrade = new NegTokenResp { State = NegState.AcceptIncomplete, SupportedMech = SpnegoOids.Ntlmssp.ToArray(), ResponseToken = [1, 2, 3] }.Encode();

        var e = Assert.Throws<AuthenticationProtocolException>(() => kerberos.Step(downgrade));

        Assert.Contains("other than the Kerberos this client offered", e.Message, StringComparison.Ordinal);
    }
}
