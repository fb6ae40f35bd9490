using SmbSyncCluster.Smb.Auth.Kerberos;

namespace SmbSyncCluster.Smb.Auth;

/// <summary>
/// Picks the mechanism of a session (<see cref="SmbClientOptions.Authentication"/>) and makes its first
/// token. The choice is made here, on this side, before anything is sent: the server's answers never make
/// the client try a weaker mechanism.
/// </summary>
internal static class AuthenticatorChoice
{
    /// <summary>The authenticator and the first token it produced.</summary>
    /// <exception cref="KerberosException">Kerberos was required, or was the only way, and failed on this side.</exception>
    public static (ISmbAuthenticator Authenticator, byte[] FirstToken) Start(SmbClientOptions options)
    {
        if (options.AuthenticatorFactory is { } factory)
        {
            return First(factory(options.Credentials));
        }
        var credentials = options.Credentials;
        if (!WantsKerberos(options.Authentication, credentials, SmbKerberos.HasTicketOrKeytab))
        {
            return First(Ntlm(options));
        }
        var kerberos = new KerberosAuthenticator(
            credentials.Principal, credentials.Password.Length == 0 ? null : credentials.Password, credentials.Keytab, ServicePrincipal(options));
        try
        {
            return (kerberos, kerberos.Step([]));
        }
        catch (KerberosException) when (options.Authentication == SmbAuthMethod.Negotiate && credentials.Password.Length > 0 && credentials.Keytab is null)
        {
            // Nothing reached the server yet: NTLM with the same password is what a Windows client falls back to.
            kerberos.Dispose();
            return First(Ntlm(options));
        }
        catch
        {
            kerberos.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether a session tries Kerberos: always with <c>auth=kerberos</c>; under <c>auth=negotiate</c> for a named
    /// user with a keytab or a realm (<c>CORP.EXAMPLE;user</c>, <c>user@CORP.EXAMPLE</c>), or without a password
    /// when <paramref name="ticketOrKeytabAtHand"/> finds a ticket or client keytab for the user.
    /// </summary>
    internal static bool WantsKerberos(SmbAuthMethod method, SmbCredentials credentials, Func<SmbCredentials, bool> ticketOrKeytabAtHand) => method switch
    {
        SmbAuthMethod.Kerberos => true,
        SmbAuthMethod.Ntlm => false,
        _ => !credentials.IsAnonymous && (credentials.Keytab is not null || credentials.Realm is not null
            || (credentials.Password.Length == 0 && ticketOrKeytabAtHand(credentials))),
    };

    /// <summary><see cref="SmbClientOptions.ServicePrincipal"/>, or <c>cifs/</c> and the host, in the user's realm when one is named.</summary>
    internal static string ServicePrincipal(SmbClientOptions options)
    {
        var spn = options.ServicePrincipal ?? $"cifs/{options.Host}";
        return spn.Contains('@', StringComparison.Ordinal) || options.Credentials.Realm is not { } realm ? spn : $"{spn}@{realm}";
    }

    private static NtlmAuthenticator Ntlm(SmbClientOptions options) =>
        new(options.Credentials, options.Workstation, Connection.Smb2Session.TargetSpn(options));

    private static (ISmbAuthenticator, byte[]) First(ISmbAuthenticator authenticator)
    {
        try
        {
            return (authenticator, authenticator.Step([]));
        }
        catch
        {
            authenticator.Dispose();
            throw;
        }
    }
}
