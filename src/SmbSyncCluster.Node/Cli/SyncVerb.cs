using System.CommandLine;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Cli;

/// <summary><c>smbsync sync LOCAL REMOTE [options]</c>: its arguments and options; <see cref="SyncArguments"/> reads them.</summary>
internal sealed class SyncVerb : VerbCommand
{
    public SyncVerb()
        : base("sync", "Sync a local directory with an SMB share (or another local directory) once, in this process")
    {
        Arguments.Add(Local);
        Arguments.Add(Remote);
        foreach (var option in (IEnumerable<Option>)[.. Spec.All, MaxDelete, Force, DryRun, Job, DataDir, Json, PasswordFile])
        {
            Options.Add(option);
        }
    }

    public Argument<string> Local { get; } = PairArguments.LocalArgument();

    public Argument<string> Remote { get; } = PairArguments.RemoteArgument();

    public SpecOptionSet Spec { get; } = new(defaults: true);

    public CliOption<int> MaxDelete { get; } = CliOptions.Number("--max-delete", "PERCENT", 0, 100, JobDefaults.MaxDeletePercent,
        "Largest share of tracked files a run may delete on one side; beyond it the run stops (exit 3) unless --force");

    public CliOption<bool> Force { get; } = CliOptions.Flag("--force", "Run even when --max-delete would stop it");

    public CliOption<bool> DryRun { get; } = CliOptions.Flag("--dry-run", "Plan only: list what would be done, change nothing");

    public CliOption<string?> Job { get; } = CliOptions.Text("--job", "NAME",
        "The job's name, whose state (the base of the next run) is kept in the data directory [default: one derived from LOCAL and REMOTE]");

    public CliOption<string?> DataDir { get; } = CliOptions.Text("--data-dir", "DIR", "Where the journal and log are kept [default: ~/.local/share/smbsync]");

    public CliOption<bool> Json { get; } = CliOptions.Flag("--json", "Print the summary as one line of JSON on stdout");

    public CliOption<string?> PasswordFile { get; } = PairArguments.PasswordFileOption();

    public override string Notes => string.Join(Environment.NewLine, HelpNotes.Remote, HelpNotes.Glob, HelpNotes.Checksum, HelpNotes.Password, "", HelpNotes.SyncExitCodes);

    public override string PositionalError(IReadOnlyList<string> positionals) =>
        $"sync takes LOCAL and REMOTE, got {positionals.Count} path{(positionals.Count == 1 ? "" : "s")}; see 'smbsync --help'";
}
