using System.CommandLine;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// The values of a parsed command line: an option's own when given, else its environment variable's, else
/// its default. Each variable is read whether or not its option is given, and a bad value in it is an error
/// either way, so what the environment holds is checked the same on every start.
/// </summary>
internal sealed class OptionValues(ParseResult result, Func<string, string?> environment)
{
    /// <summary>True when the command line gives <paramref name="option"/> (not only its default).</summary>
    public bool Given(Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>The option's value as parsed, or its default.</summary>
    public T? Get<T>(Option<T> option) => result.GetValue(option);

    /// <summary>The argument's value as parsed.</summary>
    public T? Get<T>(Argument<T> argument) => result.GetValue(argument);

    /// <summary>The option's text, else its variable's, else its default.</summary>
    public string? Text(CliOption<string?> option)
    {
        var fromEnvironment = Read(option);
        return Given(option) ? result.GetValue(option) : fromEnvironment ?? result.GetValue(option);
    }

    /// <summary>The option's number, else its variable's as <paramref name="parse"/> reads it (text, variable name; one line naming the variable when it is bad), else its default.</summary>
    public int Number(CliOption<int> option, Func<string, string, int> parse)
    {
        var fromEnvironment = Read(option) is { } text ? parse(text, option.Variable!) : (int?)null;
        return Given(option) ? result.GetValue(option) : fromEnvironment ?? result.GetValue(option);
    }

    /// <summary>The option's values, else its variable's split at <paramref name="separator"/>: given options replace the environment's list rather than add to it.</summary>
    public List<string> List(CliOption<string[]> option, char separator)
    {
        var fromEnvironment = Split(Read(option), separator);
        return Given(option) ? [.. result.GetValue(option)!] : fromEnvironment;
    }

    /// <summary>The variable's values split at <paramref name="separator"/>, then the option's: given options add to the environment's list.</summary>
    public List<string> Concat(CliOption<string[]> option, char separator) => [.. Split(Read(option), separator), .. result.GetValue(option)!];

    /// <summary>An environment variable that no option stands for.</summary>
    public string? Variable(string name) => environment(name);

    private string? Read<T>(CliOption<T> option) => environment(option.Variable ?? throw new InvalidOperationException($"{option.Name} has no environment variable"));

    private static List<string> Split(string? text, char separator) =>
        [.. (text ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
