using System.CommandLine;

namespace SmbSyncCluster.Node.Cli;

/// <summary><c>smbsync restore LOCAL REMOTE PATH VERSION [options]</c>: a version of a file of a one-shot pair put back in its place.</summary>
internal sealed class RestoreVerb : VerbCommand
{
    public RestoreVerb()
        : base("restore", "Put a version of a file back in its place, the current file kept as a version first")
    {
        Arguments.Add(Local);
        Arguments.Add(Remote);
        Arguments.Add(FilePath);
        Arguments.Add(VersionName);
        Options.Add(Side);
        Options.Add(PasswordFile);
        Options.Add(NoEncodeNames);
    }

    public Argument<string> Local { get; } = PairArguments.LocalArgument();

    public Argument<string> Remote { get; } = PairArguments.RemoteArgument();

    public Argument<string> FilePath { get; } = new Argument<string>("PATH") { Description = "The file's path in the pair, e.g. docs/report.txt" }.RefusingOptions();

    public Argument<string> VersionName { get; } = new Argument<string>("VERSION") { Description = "The version's name, as smbsync versions lists it" }.RefusingOptions();

    public CliOption<string?> Side { get; } = CliOptions.Text("--side", "local|remote", "The side whose version it is (needed only when both hold that name)");

    public CliOption<string?> PasswordFile { get; } = PairArguments.PasswordFileOption();

    public CliOption<bool> NoEncodeNames { get; } = PairArguments.NoEncodeNamesOption();

    public override string Notes => string.Join(Environment.NewLine, HelpNotes.Remote, HelpNotes.Versions, HelpNotes.Password, "", HelpNotes.VersionsExitCodes);

    public override string PositionalError(IReadOnlyList<string> positionals) =>
        $"restore takes LOCAL, REMOTE, PATH and VERSION, got {positionals.Count} argument{(positionals.Count == 1 ? "" : "s")}; see 'smbsync restore --help'";
}
