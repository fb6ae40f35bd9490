namespace SmbSyncCluster.Node.Cli;

/// <summary>Invalid usage or configuration: one line for stderr per problem (most often one), exit code 2.</summary>
public sealed class UsageException(IReadOnlyList<string> lines) : Exception(string.Join("; ", lines))
{
    /// <summary>A single problem.</summary>
    public UsageException(string message)
        : this([message])
    {
    }

    /// <summary>What to tell the user, one line per problem, without the "smbsync: " prefix.</summary>
    public IReadOnlyList<string> Lines { get; } = lines;

    /// <summary>Writes the lines as the CLI reports usage errors: "smbsync: " and the line, made safe for a terminal.</summary>
    public void WriteTo(TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        foreach (var line in Lines)
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: {line}"));
        }
    }
}
