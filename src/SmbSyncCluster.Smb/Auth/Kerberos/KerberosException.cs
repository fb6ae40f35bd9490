namespace SmbSyncCluster.Smb.Auth.Kerberos;

/// <summary>
/// Kerberos failed on this side, before or while making a token (no ticket, KDC unreachable, unknown
/// service principal): nothing about the server's answer. The message is the one line for the user.
/// </summary>
internal sealed class KerberosException(string message) : Exception(message);
