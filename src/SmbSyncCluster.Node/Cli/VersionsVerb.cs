using System.CommandLine;

namespace SmbSyncCluster.Node.Cli;

/// <summary><c>smbsync versions LOCAL REMOTE PATH [options]</c>: the versions of a file both sides of a one-shot pair kept.</summary>
internal sealed class VersionsVerb : VerbCommand
{
    public VersionsVerb()
        : base("versions", "List the versions of a file that syncs of LOCAL with REMOTE deleted or overwrote, on both sides, newest first")
    {
        Arguments.Add(Local);
        Arguments.Add(Remote);
        Arguments.Add(FilePath);
        Options.Add(Json);
        Options.Add(PasswordFile);
        Options.Add(NoEncodeNames);
    }

    public Argument<string> Local { get; } = PairArguments.LocalArgument();

    public Argument<string> Remote { get; } = PairArguments.RemoteArgument();

    public Argument<string> FilePath { get; } = new Argument<string>("PATH") { Description = "The file's path in the pair, e.g. docs/report.txt" }.RefusingOptions();

    public CliOption<bool> Json { get; } = CliOptions.Flag("--json", "Print the versions as one line of JSON on stdout, as GET /api/jobs/{id}/versions does");

    public CliOption<string?> PasswordFile { get; } = PairArguments.PasswordFileOption();

    public CliOption<bool> NoEncodeNames { get; } = PairArguments.NoEncodeNamesOption();

    public override string Notes => string.Join(Environment.NewLine, HelpNotes.Remote, HelpNotes.Versions, HelpNotes.Password, "", HelpNotes.VersionsExitCodes);

    public override string PositionalError(IReadOnlyList<string> positionals) =>
        $"versions takes LOCAL, REMOTE and PATH, got {positionals.Count} argument{(positionals.Count == 1 ? "" : "s")}; see 'smbsync versions --help'";
}
