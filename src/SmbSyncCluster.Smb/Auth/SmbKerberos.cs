using SmbSyncCluster.Smb.Auth.Kerberos;

namespace SmbSyncCluster.Smb.Auth;

/// <summary>What the machine's Kerberos (MIT krb5 through GSS-API) holds for a user, asked before connecting.</summary>
public static class SmbKerberos
{
    /// <summary>
    /// True when a ticket (the cache <c>KRB5CCNAME</c> names) or a keytab (<paramref name="credentials"/>' own,
    /// or <c>KRB5_CLIENT_KTNAME</c>) is at hand for the user, so that no password is needed; false as well
    /// where the krb5 libraries are not installed.
    /// </summary>
    public static bool HasTicketOrKeytab(SmbCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        try
        {
            using var credential = GssCredential.Acquire(credentials.Principal, null, credentials.Keytab, "(none)");
            return true;
        }
        catch (KerberosException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }
}
