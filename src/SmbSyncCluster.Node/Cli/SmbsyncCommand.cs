using System.CommandLine;
using SmbSyncCluster.Node.Cli.Jobs;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// The whole command line of <c>smbsync</c>: its verbs, their arguments and options (each declared once,
/// with its description, default and environment variable), from which System.CommandLine parses, writes
/// the help and completes words in a shell. Built anew for each command line; it holds no state.
/// </summary>
internal sealed class SmbsyncCommand : RootCommand
{
    public SmbsyncCommand()
        : base("smbsync: keep local directories and SMB shares in sync")
    {
        HelpName = "smbsync";
        Subcommands.Add(Sync);
        Subcommands.Add(Versions);
        Subcommands.Add(Restore);
        Subcommands.Add(Node);
        Subcommands.Add(Jobs);
        Subcommands.Add(Demo);
        HelpLayout.Apply(this);
    }

    public SyncVerb Sync { get; } = new();

    public VersionsVerb Versions { get; } = new();

    public RestoreVerb Restore { get; } = new();

    public NodeVerb Node { get; } = new();

    public JobsVerb Jobs { get; } = new();

    public DemoVerb Demo { get; } = new();
}
