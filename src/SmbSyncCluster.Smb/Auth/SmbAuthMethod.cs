namespace SmbSyncCluster.Smb.Auth;

/// <summary>Which mechanism a session authenticates with (URL option <c>auth=</c>).</summary>
public enum SmbAuthMethod
{
    /// <summary>
    /// Kerberos where a realm and a ticket, keytab or password for it are at hand, else NTLM. A Kerberos
    /// failure before anything reached the server (no ticket obtainable, unknown service principal) falls
    /// back to NTLM when there is a password; nothing the server answers makes it fall back.
    /// </summary>
    Negotiate,

    /// <summary>Kerberos only: never NTLM.</summary>
    Kerberos,

    /// <summary>NTLMv2 only.</summary>
    Ntlm,
}
