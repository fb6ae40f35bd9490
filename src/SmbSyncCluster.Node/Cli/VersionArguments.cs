using System.CommandLine;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// The arguments of <c>smbsync versions</c> and <c>smbsync restore</c>: the pair read as <c>smbsync sync</c> reads it
/// (<see cref="PairArguments"/>), the file and, for a restore, the version and side. The path and the name are
/// judged by the versions area itself, before anything is opened.
/// </summary>
internal sealed record VersionArguments
{
    /// <summary>The pair's spec as a sync of it with no options would have it, without a password in its URL.</summary>
    public required JobSpec Spec { get; init; }

    /// <summary>The SMB password, when one was given; never printed.</summary>
    public string? Password { get; init; }

    /// <summary>The file's path in the pair.</summary>
    public required string FilePath { get; init; }

    /// <summary>restore: the version's name.</summary>
    public string? VersionName { get; init; }

    /// <summary>restore: the side named, or null for the one side that holds the version.</summary>
    public SyncSide? Side { get; init; }

    /// <summary>versions: print JSON.</summary>
    public bool Json { get; init; }

    /// <summary>The arguments of <c>versions</c>.</summary>
    public static VersionArguments From(VersionsVerb verb, ParseResult result, Func<string, string?> environment)
    {
        var values = new OptionValues(result, environment);
        var (spec, password) = Pair(values.Get(verb.Local)!, values.Get(verb.Remote)!, values.Get(verb.PasswordFile), values.Get(verb.NoEncodeNames), environment);
        return new VersionArguments { Spec = spec, Password = password, FilePath = values.Get(verb.FilePath)!, Json = values.Get(verb.Json) };
    }

    /// <summary>The arguments of <c>restore</c>.</summary>
    public static VersionArguments From(RestoreVerb verb, ParseResult result, Func<string, string?> environment)
    {
        var values = new OptionValues(result, environment);
        var side = values.Get(verb.Side) switch
        {
            null => (SyncSide?)null,
            "local" => SyncSide.Local,
            "remote" => SyncSide.Remote,
            var other => throw new UsageException($"--side '{other}' is not one of local, remote"),
        };
        var (spec, password) = Pair(values.Get(verb.Local)!, values.Get(verb.Remote)!, values.Get(verb.PasswordFile), values.Get(verb.NoEncodeNames), environment);
        return new VersionArguments { Spec = spec, Password = password, FilePath = values.Get(verb.FilePath)!, VersionName = values.Get(verb.VersionName), Side = side };
    }

    private static (JobSpec Spec, string? Password) Pair(string localArgument, string remoteArgument, string? passwordFile, bool noEncodeNames, Func<string, string?> environment)
    {
        var options = new Jobs.JobSpecOptions { EncodeNames = noEncodeNames ? false : null };
        var spec = PairArguments.Spec(localArgument, remoteArgument, options, job: null, out _);
        // Both roots must be there: a listing or a restore never creates one.
        PairArguments.RequireDirectories(spec, localArgument, remoteArgument, mode: null);
        var password = PairArguments.Password(spec, passwordFile, environment);
        PairArguments.RequirePassword(spec, password);
        if (SmbUrl.IsSmbUrl(spec.Remote))
        {
            spec = spec with { Remote = SmbUrl.Parse(spec.Remote).WithoutPassword() }; // never in a message: it goes through the lookup
        }
        return (spec, password);
    }
}
