namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>One verb of <c>smbsync jobs</c>: its job id argument (if it takes one) and its options.</summary>
internal sealed class JobVerb : VerbCommand
{
    private readonly bool _takesId;

    public JobVerb(string name, string description, JobIdArgument? id, params IEnumerable<System.CommandLine.Option> options)
        : base(name, description)
    {
        _takesId = id is not null;
        if (id is not null)
        {
            Arguments.Add(id);
        }
        foreach (var option in options)
        {
            Options.Add(option);
        }
    }

    /// <summary>Prose after the options.</summary>
    public string? Prose { get; init; }

    public override string Notes => string.Join(Environment.NewLine + Environment.NewLine, ((string?[])[Prose, HelpNotes.Jobs]).OfType<string>());

    public override string PositionalError(IReadOnlyList<string> positionals) => positionals.Count == 0 && _takesId
        ? $"{Path} needs a job id"
        : Arguments.Count > 1
            ? $"{Path} takes {string.Join(' ', Arguments.Select(a => a.Name))}, got '{string.Join(' ', positionals)}'"
            : $"{Path} takes {(_takesId ? "one job id" : "no job id")}, got '{string.Join(' ', positionals)}'";
}
