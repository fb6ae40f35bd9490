using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Cli.Jobs;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// A one-shot pair <c>LOCAL REMOTE</c> as every verb that takes one reads it (<c>sync</c>, <c>versions</c>,
/// <c>restore</c>): the same spec from the same spelling, the same job id, the same password, the same one-line
/// errors. Throws <see cref="UsageException"/> for what is wrong.
/// </summary>
internal static class PairArguments
{
    /// <summary>The LOCAL argument of a verb that takes a pair.</summary>
    public static Argument<string> LocalArgument() => new Argument<string>("LOCAL") { Description = "The local directory" }.RefusingOptions();

    /// <summary>The REMOTE argument of a verb that takes a pair.</summary>
    public static Argument<string> RemoteArgument() =>
        new Argument<string>("REMOTE") { Description = "An SMB share's directory (see REMOTE) or a local directory" }.RefusingOptions();

    /// <summary>The --password-file option of a verb that takes a pair.</summary>
    public static CliOption<string?> PasswordFileOption() => CliOptions.Text("--password-file", "FILE", "A file holding the SMB password (else SMBSYNC_PASSWORD)");

    /// <summary>The option of the verbs that read a pair's versions: the share's names as a sync with <c>--no-encode-names</c> reads them.</summary>
    public static CliOption<bool> NoEncodeNamesOption() => CliOptions.Flag("--no-encode-names",
        "The pair is synced with --no-encode-names: read the share's names as they are, not as rclone's look-alikes");

    /// <summary>
    /// The spec of the pair with <paramref name="options"/> applied, checked, under the id <paramref name="job"/> or, without
    /// one, the id derived from the pair's place; <paramref name="earlierJobId"/> is the id the pair had when it was hashed
    /// from its spelling (see <see cref="SyncArguments.EarlierJobId"/>).
    /// </summary>
    public static JobSpec Spec(string localArgument, string remoteArgument, JobSpecOptions options, string? job, out string? earlierJobId)
    {
        // Without the trailing '/' that completing a directory name in a shell adds: "docs/" is the job of
        // "docs", not a new one without its base (whose first run would bring back what was deleted since).
        var local = Path.TrimEndingDirectorySeparator(Path.GetFullPath(localArgument));
        Cli.RemoteArgument.RefuseOtherForms(remoteArgument);
        var remote = SmbUrl.IsSmbUrl(remoteArgument) ? remoteArgument : Path.TrimEndingDirectorySeparator(Path.GetFullPath(remoteArgument));
        var spec = options.ApplyTo(new JobSpec
        {
            Id = job ?? "default", // replaced below once the remote is known to parse
            LocalPath = local,
            Remote = remote,
        }, allowPasswordInUrl: true);
        if (spec.Validate(allowPasswordInUrl: true) is [var first, ..])
        {
            throw new UsageException(first.Field == "id" ? $"--job: {first.Reason}" : $"{first.Field}: {first.Reason}");
        }
        earlierJobId = null;
        if (job is null)
        {
            spec = spec with { Id = DefaultJobId(spec.Pair) };
            var spelt = local + "\n" + (SmbUrl.IsSmbUrl(remote) ? SmbUrl.Parse(remote).ToString() : remote);
            earlierJobId = DefaultJobId(spelt) is var earlier && earlier != spec.Id ? earlier : null;
        }
        return spec;
    }

    /// <summary>
    /// Throws unless the pair's directories exist; the one a one-way <paramref name="mode"/> fills may be missing, since
    /// its first sync creates it (null: neither may).
    /// </summary>
    public static void RequireDirectories(JobSpec spec, string localArgument, string remoteArgument, SyncMode? mode)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RequireDirectory(spec.LocalPath, $"local path '{localArgument}'", mayBeMissing: mode == SyncMode.Download);
        if (!SmbUrl.IsSmbUrl(spec.Remote))
        {
            RequireDirectory(spec.Remote, $"remote path '{remoteArgument}'", mayBeMissing: mode == SyncMode.Upload);
        }
    }

    /// <summary>The password: the URL's, else the one in <paramref name="passwordFile"/>, else SMBSYNC_PASSWORD; null when none is given.</summary>
    public static string? Password(JobSpec spec, string? passwordFile, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(environment);
        if (SmbUrl.IsSmbUrl(spec.Remote) && SmbUrl.Parse(spec.Remote).Password is { } inUrl)
        {
            return inUrl;
        }
        if (passwordFile is not null)
        {
            try
            {
                return File.ReadAllText(passwordFile).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--password-file '{passwordFile}' cannot be read: {e.Message}");
            }
        }
        return environment("SMBSYNC_PASSWORD");
    }

    /// <summary>
    /// Throws when an smb:// remote naming a user has no password: the server would only answer LOGON_FAILURE,
    /// which hides that none was given. A guest session (<c>?guest=true</c>), an anonymous one (no user) and a
    /// Kerberos one with a ticket or keytab need none.
    /// </summary>
    public static void RequirePassword(JobSpec spec, string? password)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (password is null && SmbUrl.IsSmbUrl(spec.Remote) && SmbUrl.Parse(spec.Remote) is { User: not null, Guest: false } url && !url.KerberosNeedsNoPassword())
        {
            throw new UsageException("no password: set SMBSYNC_PASSWORD or use --password-file");
        }
    }

    /// <summary>
    /// A stable id for a (local, remote) pair, so that repeated runs share their base: hashed from the spec's
    /// <see cref="JobSpecRules.Pair"/> (the real local path and the remote's place), so that another spelling of
    /// the same two directories is the same job.
    /// </summary>
    private static string DefaultJobId(string pair)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(pair));
        return "sync-" + Convert.ToHexStringLower(hash)[..16];
    }

    private static void RequireDirectory(string path, string what, bool mayBeMissing)
    {
        if (!Directory.Exists(path) && !(mayBeMissing && !File.Exists(path)))
        {
            throw new UsageException($"{what} does not exist or is not a directory");
        }
    }
}
