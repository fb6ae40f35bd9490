using System.CommandLine;
using System.CommandLine.Parsing;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>
/// The spec options of <c>jobs create</c> (<paramref name="forNewJob"/>: the help shows the defaults a new job gets)
/// and <c>jobs update</c> (only the fields given change). Only numbers are checked here; the server judges the rest.
/// </summary>
internal sealed class JobSpecOptionSet(bool forNewJob)
{
    public CliOption<string?> Local { get; } = CliOptions.Text("--local", "PATH", "The job's local directory (under one of the node's --local-root)");

    public CliOption<string?> Remote { get; } = CliOptions.Text("--remote", "REMOTE", "The job's SMB share directory (see REMOTE) or a local directory");

    public SpecOptionSet Spec { get; } = new(forNewJob);

    public CliOption<int?> Interval { get; } = CliOptions.OptionalNumber("--interval", "SECONDS", 0, int.MaxValue,
        forNewJob ? "Seconds between scheduled runs; none: runs start on request only" : "Seconds between scheduled runs; 0 removes the schedule");

    public CliOption<string?> Credential { get; } = CliOptions.Text("--credential", "NAME", "The credential the node signs in with (a file of its --credentials-dir)");

    public CliOption<bool> NoChecksum { get; } = CliOptions.Flag("--no-checksum", "Compare files by size and time only");

    public CliOption<bool> EncodeNames { get; } = CliOptions.Flag("--encode-names",
        "Store names an SMB share cannot hold under full-width look-alikes, as rclone does (the default)");

    public CliOption<bool> NoWatch { get; } = CliOptions.Flag("--no-watch", "Sync on request and on the schedule only");

    /// <summary>The options, in the order the help lists them.</summary>
    public IEnumerable<Option> All => [Local, Remote, .. Spec.All, NoChecksum, EncodeNames, NoWatch, Interval, Credential];

    /// <summary>The fields given on the command line, null where left out; local paths made absolute here, where the user's working directory is known.</summary>
    public JobSpecOptions Read(OptionValues values, ParseResult result) => Spec.Read(values) with
    {
        LocalPath = values.Get(Local) is { } local ? Path.GetFullPath(local) : null,
        Remote = values.Get(Remote) is { } remote ? (SmbUrl.IsSmbUrl(remote) ? remote : Path.GetFullPath(remote)) : null,
        IntervalSeconds = values.Get(Interval),
        Credential = values.Get(Credential),
        // The later of --checksum and --no-checksum wins, as with any option given twice; the same for names and watching.
        Checksum = Later(result, Spec.Checksum, NoChecksum),
        EncodeNames = Later(result, EncodeNames, Spec.NoEncodeNames),
        Watch = Later(result, Spec.Watch, NoWatch),
    };

    /// <summary>True when <paramref name="on"/> was given after <paramref name="off"/> (or alone), false for the reverse, null when neither was.</summary>
    private static bool? Later(ParseResult result, Option on, Option off) =>
        result.Tokens.LastOrDefault(t => t.Type == TokenType.Option && (t.Value == on.Name || t.Value == off.Name))?.Value switch
        {
            null => null,
            var option => option == on.Name,
        };
}
