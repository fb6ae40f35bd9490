using System.CommandLine;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// An option of <c>smbsync</c>; with a <see cref="Variable"/>, the environment variable that gives its value
/// when the command line leaves it out (named in the option's help, read by <see cref="OptionValues"/>).
/// </summary>
internal sealed class CliOption<T> : Option<T>
{
    public CliOption(string name, string? helpName, string description, string? variable)
        : base(name)
    {
        HelpName = helpName;
        Variable = variable;
        Description = variable is null ? description : $"{description} [env: {variable}]";
    }

    /// <summary>The environment variable read when the option is not given, or null for none.</summary>
    public string? Variable { get; }
}
