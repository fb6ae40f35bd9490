using System.Text.RegularExpressions;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// Recognises a REMOTE that is neither an smb:// URL nor a local path: another scheme (http://, ftp://) or
/// a UNC path (\\host\share, //host/share), which would otherwise be taken for a relative local directory
/// and reported as missing, hiding what the user got wrong.
/// </summary>
internal static partial class RemoteArgument
{
    /// <summary>Throws <see cref="UsageException"/> with one line when <paramref name="remote"/> is a URL of another scheme or a UNC path.</summary>
    public static void RefuseOtherForms(string remote)
    {
        if (SmbUrl.IsSmbUrl(remote))
        {
            return;
        }
        if (OtherScheme().IsMatch(remote))
        {
            throw new UsageException($"REMOTE '{remote}' is not an smb:// URL or a local path");
        }
        // "//host/share" is also a local path on Unix (the root's "host"): only one that is not there is taken for UNC.
        if (Unc().Match(remote) is { Success: true } unc && !Directory.Exists(remote))
        {
            throw new UsageException(
                $"REMOTE '{remote}' is a UNC path, not an smb:// URL or a local path; write it as smb://{unc.Groups["host"].Value}/{unc.Groups["rest"].Value.Replace('\\', '/')}");
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*://")]
    private static partial Regex OtherScheme();

    [GeneratedRegex(@"^(\\\\|//)(?<host>[^\\/]+)[\\/](?<rest>.*)$")]
    private static partial Regex Unc();
}
