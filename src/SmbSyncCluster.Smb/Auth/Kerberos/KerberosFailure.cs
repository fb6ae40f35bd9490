namespace SmbSyncCluster.Smb.Auth.Kerberos;

/// <summary>
/// Turns a failed GSS-API call into one line that says what to do. The krb5 minor status, not the GSS
/// major one, tells the usual failures apart; anything else keeps the library's own text. No message ever
/// holds a password: only principal names, which are not secret.
/// </summary>
internal static class KerberosFailure
{
    // MIT krb5 com_err codes (krb5_err.et: ERROR_TABLE_BASE_krb5 = -1765328384 plus the entry's index).
    internal const int ClientUnknown = -1765328378;
    internal const int ServerUnknown = -1765328377;
    internal const int PreauthFailed = -1765328360;
    internal const int BadIntegrity = -1765328353;
    internal const int TicketExpired = -1765328352;
    internal const int ClockSkew = -1765328347;
    internal const int RealmUnknown = -1765328230;
    internal const int KdcUnreachable = -1765328228;
    internal const int CacheNotFound = -1765328243;
    internal const int NoCacheFile = -1765328189;
    internal const int KeytabEntryNotFound = -1765328203;

    /// <param name="major">The GSS major status.</param>
    /// <param name="minor">The krb5 minor status.</param>
    /// <param name="client">The client principal asked for, or null for the ticket cache's own.</param>
    /// <param name="spn">The service principal asked for.</param>
    /// <param name="libraryText">What the library says of the minor status, for failures without a line of their own.</param>
    public static string Describe(uint major, uint minor, string? client, string spn, string libraryText)
    {
        var who = client ?? "the ticket cache's principal";
        return "Kerberos: " + (int)minor switch
        {
            ClockSkew => "the clocks of this machine and the KDC or file server differ by more than the allowed skew (5 minutes by default); synchronize them (NTP)",
            ServerUnknown => $"the KDC does not know the service principal {spn} (Server not found in Kerberos database); connect by the server's name in the domain or name its principal with spn=",
            KdcUnreachable => $"cannot reach a KDC of the realm of {who} or {spn} (Cannot contact any KDC); check krb5.conf's kdc entries or DNS and the network",
            RealmUnknown => $"no KDC is known for the realm of {who} or {spn}; add the realm to krb5.conf or its DNS SRV records",
            ClientUnknown => $"the KDC does not know the user {who}",
            PreauthFailed or BadIntegrity => $"the KDC refused the password or key of {who}",
            TicketExpired => $"the ticket of {who} has expired; run kinit again",
            CacheNotFound or NoCacheFile => NoTicket(who),
            KeytabEntryNotFound => $"the keytab holds no key for {who}",
            _ when GssApi.RoutineError(major) == GssApi.NoCredentials => NoTicket(who),
            _ => $"authentication as {who} to {spn} failed: {libraryText}",
        };
    }

    private static string NoTicket(string who) =>
        $"no ticket, keytab or password for {who} (run kinit, set KRB5_CLIENT_KTNAME to a keytab, or give the credential's password)";
}
