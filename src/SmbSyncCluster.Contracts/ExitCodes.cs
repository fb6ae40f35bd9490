namespace SmbSyncCluster.Contracts;

/// <summary>
/// The exit codes of the <c>smbsync</c> command, its contract with scripts: every verb and every way a
/// run ends maps to one of these.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything was synced (or the request was done).</summary>
    public const int Synced = 0;

    /// <summary>The run ended, but some items failed.</summary>
    public const int ItemsFailed = 1;

    /// <summary>Invalid usage: bad arguments, an invalid spec, an unreadable file named by an option.</summary>
    public const int Usage = 2;

    /// <summary>The run was refused, aborted or stopped; for jobs: the server refused the request or cannot be reached.</summary>
    public const int Refused = 3;
}
