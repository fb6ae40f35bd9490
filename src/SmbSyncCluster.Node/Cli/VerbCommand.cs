using System.CommandLine;

namespace SmbSyncCluster.Node.Cli;

/// <summary>A command of <c>smbsync</c>: it words its own error about positional arguments, and its help may end with notes.</summary>
internal abstract class VerbCommand(string name, string description) : Command(name, description)
{
    /// <summary>Prose printed after the options in this command's help, or null.</summary>
    public virtual string? Notes => null;

    /// <summary>The one line for <paramref name="positionals"/> (every non-option argument given) when they are too many or too few.</summary>
    public abstract string PositionalError(IReadOnlyList<string> positionals);

    /// <summary>The command's path as users type it after <c>smbsync</c>, like <c>jobs list</c>.</summary>
    public string Path => Parents.OfType<VerbCommand>().FirstOrDefault() is { } parent ? $"{parent.Path} {Name}" : Name;
}
