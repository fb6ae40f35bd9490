namespace SmbSyncCluster.Node.Cli;

/// <summary><c>smbsync demo</c>: run by the <c>./smbsync</c> launcher (scripts/demo.sh); the binary only says so.</summary>
internal sealed class DemoVerb : VerbCommand
{
    public DemoVerb()
        : base("demo", "Start a throwaway Samba, sync a sample tree both ways, edit both sides (one file on both: a conflict) and sync again") =>
        TreatUnmatchedTokensAsErrors = false; // whatever follows is the launcher's to read

    public override string Notes => "Needs root (it starts its own smbd) and the samba package; runs through the ./smbsync launcher.";

    public override string PositionalError(IReadOnlyList<string> positionals) => throw new InvalidOperationException("demo takes any arguments");
}
