using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Auth.Kerberos;

namespace SmbSyncCluster.Smb.Tests.Auth;

public sealed class AuthenticatorChoiceTests
{
    [Theory]
    [InlineData(SmbAuthMethod.Negotiate, "WORKGROUP", "u", "pw", true, false)] // a NetBIOS domain and a password: NTLM, as before
    [InlineData(SmbAuthMethod.Negotiate, "CORP.EXAMPLE", "u", "pw", false, true)] // a realm: Kerberos
    [InlineData(SmbAuthMethod.Negotiate, "", "u@corp.example", "pw", false, true)]
    [InlineData(SmbAuthMethod.Negotiate, "CORP", "u", "", true, true)] // no password, a ticket: Kerberos
    [InlineData(SmbAuthMethod.Negotiate, "CORP", "u", "", false, false)] // no password, no ticket: NTLM (a guest, maybe)
    [InlineData(SmbAuthMethod.Negotiate, "", "", "", true, false)] // anonymous
    [InlineData(SmbAuthMethod.Ntlm, "CORP.EXAMPLE", "u", "", true, false)]
    [InlineData(SmbAuthMethod.Kerberos, "", "", "", false, true)] // the ticket cache's own principal, or a clear error
    public void Picks_the_mechanism_before_anything_is_sent(SmbAuthMethod method, string domain, string user, string password, bool ticket, bool kerberos) =>
        Assert.Equal(kerberos, AuthenticatorChoice.WantsKerberos(method, new SmbCredentials(domain, user, password), _ => ticket));

    [Theory]
    [InlineData("CORP.EXAMPLE", "u", "u@CORP.EXAMPLE")]
    [InlineData("corp.example", "u", "u@CORP.EXAMPLE")]
    [InlineData("CORP", "u", "u")] // krb5.conf's default realm
    [InlineData("CORP", "u@corp.example", "u@CORP.EXAMPLE")]
    public void Names_the_principal_from_the_user_and_realm(string domain, string user, string principal) =>
        Assert.Equal(principal, new SmbCredentials(domain, user, "pw").Principal);

    [Theory]
    [InlineData("10.0.0.5", null, "CORP.EXAMPLE", "cifs/10.0.0.5@CORP.EXAMPLE")]
    [InlineData("10.0.0.5", "cifs/fs1.corp.example", "CORP.EXAMPLE", "cifs/fs1.corp.example@CORP.EXAMPLE")]
    [InlineData("fs1", "cifs/fs1@OTHER.EXAMPLE", "CORP.EXAMPLE", "cifs/fs1@OTHER.EXAMPLE")]
    [InlineData("fs1", null, "CORP", "cifs/fs1")]
    public void Names_the_service_principal(string host, string? spn, string domain, string expected) =>
        Assert.Equal(expected, AuthenticatorChoice.ServicePrincipal(new SmbClientOptions
        {
            Host = host,
            ServicePrincipal = spn,
            Credentials = new SmbCredentials(domain, "u", "pw"),
        }));

    [Theory]
    [InlineData(KerberosFailure.ClockSkew, "clocks of this machine and the KDC or file server differ")]
    [InlineData(KerberosFailure.ServerUnknown, "the KDC does not know the service principal cifs/fs1@R")]
    [InlineData(KerberosFailure.KdcUnreachable, "cannot reach a KDC")]
    [InlineData(KerberosFailure.NoCacheFile, "no ticket, keytab or password for u@R")]
    [InlineData(KerberosFailure.TicketExpired, "the ticket of u@R has expired; run kinit again")]
    [InlineData(12345, "authentication as u@R to cifs/fs1@R failed: library text")]
    public void Says_what_each_krb5_failure_means_in_one_line(int minor, string expected)
    {
        var line = KerberosFailure.Describe(0xD0000, unchecked((uint)minor), "u@R", "cifs/fs1@R", "library text");

        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.StartsWith("Kerberos: ", line, StringComparison.Ordinal);
    }
}
