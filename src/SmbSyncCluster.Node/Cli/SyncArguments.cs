using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// The arguments of <c>smbsync sync LOCAL REMOTE [options]</c>, parsed and checked: a valid job spec,
/// an existing local directory, the password resolved (URL, --password-file or SMBSYNC_PASSWORD).
/// </summary>
public sealed record SyncArguments
{
    /// <summary>The job to run.</summary>
    public required JobSpec Spec { get; init; }

    /// <summary>Plan only: report what would be done.</summary>
    public bool DryRun { get; init; }

    /// <summary>Run even when the max-delete guard trips.</summary>
    public bool Force { get; init; }

    /// <summary>Largest share of tracked files a run may delete.</summary>
    public int MaxDeletePercent { get; init; } = JobDefaults.MaxDeletePercent;

    /// <summary>Where the embedded node keeps its journal; null for the default under the user's data directory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Print the one-line JSON summary on stdout.</summary>
    public bool Json { get; init; }

    /// <summary>
    /// The default id this pair had when it was hashed from the remote as spelled (the local path as given and the
    /// URL's text): a job stored under it is this pair's, with its base, and keeps its id. Null with --job, or
    /// when it is <see cref="JobSpec.Id"/>.
    /// </summary>
    public string? EarlierJobId { get; init; }

    /// <summary>The SMB password, when one was given; never printed.</summary>
    public string? Password { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Spec} dry-run={DryRun} force={Force} json={Json}";

    /// <summary>Parses <paramref name="args"/> (after the verb); throws <see cref="UsageException"/> with one clear line.</summary>
    public static SyncArguments Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var cli = new SmbsyncCommand();
        return From(cli.Sync, UsageErrors.ThrowIfAny(cli.Parse(["sync", .. args])), environment);
    }

    /// <summary>The arguments of <paramref name="verb"/> in <paramref name="result"/>, checked; throws <see cref="UsageException"/> with one clear line.</summary>
    internal static SyncArguments From(SyncVerb verb, ParseResult result, Func<string, string?> environment)
    {
        var values = new OptionValues(result, environment);
        var (localArgument, remoteArgument) = (values.Get(verb.Local)!, values.Get(verb.Remote)!);
        var job = values.Get(verb.Job);
        // Without the trailing '/' that completing a directory name in a shell adds: "docs/" is the job of
        // "docs", not a new one without its base (whose first run would bring back what was deleted since).
        var local = Path.TrimEndingDirectorySeparator(Path.GetFullPath(localArgument));
        RemoteArgument.RefuseOtherForms(remoteArgument);
        var remote = SmbUrl.IsSmbUrl(remoteArgument) ? remoteArgument : Path.TrimEndingDirectorySeparator(Path.GetFullPath(remoteArgument));
        var spec = verb.Spec.Read(values).ApplyTo(new JobSpec
        {
            Id = job ?? "default", // replaced below once the remote is known to parse
            LocalPath = local,
            Remote = remote,
        }, allowPasswordInUrl: true);
        if (spec.Validate(allowPasswordInUrl: true) is [var first, ..])
        {
            throw new UsageException(first.Field == "id" ? $"--job: {first.Reason}" : $"{first.Field}: {first.Reason}");
        }
        if (spec.Watch && values.Get(verb.DryRun))
        {
            throw new UsageException("--watch syncs as changes come; a dry run plans once: give one of them");
        }
        var url = SmbUrl.IsSmbUrl(remote) ? SmbUrl.Parse(remote) : null;
        string? earlierJobId = null;
        if (job is null)
        {
            spec = spec with { Id = DefaultJobId(spec.Pair) };
            earlierJobId = DefaultJobId(local + "\n" + (url?.ToString() ?? remote)) is var earlier && earlier != spec.Id ? earlier : null;
        }
        // The side a one-way mode fills may be missing: the run creates it on the job's first sync.
        RequireDirectory(local, $"local path '{localArgument}'", mayBeMissing: spec.Mode == SyncMode.Download);
        if (url is null)
        {
            RequireDirectory(remote, $"remote path '{remoteArgument}'", mayBeMissing: spec.Mode == SyncMode.Upload);
        }
        return new SyncArguments
        {
            Spec = spec,
            DryRun = values.Get(verb.DryRun),
            Force = values.Get(verb.Force),
            MaxDeletePercent = values.Get(verb.MaxDelete),
            DataDirectory = values.Get(verb.DataDir),
            Json = values.Get(verb.Json),
            EarlierJobId = earlierJobId,
            Password = url?.Password ?? ResolvePassword(values.Get(verb.PasswordFile), environment),
        };
    }

    /// <summary>
    /// These arguments, once sure that an smb:// remote naming a user has a password: without one the server
    /// would only answer LOGON_FAILURE, which hides that none was given. A guest session (<c>?guest=true</c>)
    /// and an anonymous one (no user) need none. Throws <see cref="UsageException"/> otherwise.
    /// </summary>
    public SyncArguments RequirePassword() =>
        Password is null && SmbUrl.IsSmbUrl(Spec.Remote) && SmbUrl.Parse(Spec.Remote) is { User: not null, Guest: false }
            ? throw new UsageException("no password: set SMBSYNC_PASSWORD or use --password-file")
            : this;

    /// <summary>The password when the URL carries none: from --password-file, else SMBSYNC_PASSWORD.</summary>
    private static string? ResolvePassword(string? passwordFile, Func<string, string?> environment)
    {
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
