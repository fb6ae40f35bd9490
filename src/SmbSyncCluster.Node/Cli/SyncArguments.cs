using System.CommandLine;
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
        var spec = PairArguments.Spec(localArgument, remoteArgument, verb.Spec.Read(values), values.Get(verb.Job), out var earlierJobId);
        PairArguments.RequireDirectories(spec, localArgument, remoteArgument, spec.Mode);
        if (spec.Watch && values.Get(verb.DryRun))
        {
            throw new UsageException("--watch syncs as changes come; a dry run plans once: give one of them");
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
            Password = PairArguments.Password(spec, values.Get(verb.PasswordFile), environment),
        };
    }

    /// <summary>
    /// These arguments, once sure that an smb:// remote naming a user has a password (<see cref="PairArguments.RequirePassword"/>).
    /// Throws <see cref="UsageException"/> otherwise.
    /// </summary>
    public SyncArguments RequirePassword()
    {
        PairArguments.RequirePassword(Spec, Password);
        return this;
    }
}
