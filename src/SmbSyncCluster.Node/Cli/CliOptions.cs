using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// The kinds of option <c>smbsync</c> takes, parsed alike on every verb: a value never starts with <c>--</c>
/// (that is the next option, so the value is missing), an option given twice keeps its last value, and a
/// number out of its range is one line naming the range.
/// </summary>
internal static class CliOptions
{
    /// <summary>An option without a value: true when given.</summary>
    public static CliOption<bool> Flag(string name, string description) =>
        new(name, null, description, null) { Arity = ArgumentArity.Zero };

    /// <summary>An option with one value; null (or <paramref name="fallback"/>) when not given.</summary>
    public static CliOption<string?> Text(string name, string helpName, string description, string? variable = null, string? fallback = null)
    {
        var option = new CliOption<string?>(name, helpName, description, variable)
        {
            Arity = ArgumentArity.OneOrMore, // so that a repeated option is its last value, not an error
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result => Values(result).LastOrDefault(),
        };
        if (fallback is not null)
        {
            option.DefaultValueFactory = _ => fallback;
        }
        return option;
    }

    /// <summary>An option given once per value (<c>--exclude A --exclude B</c>); empty when not given.</summary>
    public static CliOption<string[]> List(string name, string helpName, string description, string? variable = null) =>
        new(name, helpName, description, variable)
        {
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result => [.. Values(result)],
            DefaultValueFactory = _ => [],
        };

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="fallback"/> (shown in the help) when not
    /// given; <paramref name="outOfRange"/> words the error ({0} the option, {1} the text).
    /// </summary>
    public static CliOption<int> Number(string name, string helpName, int min, int max, int fallback, string description, string? variable = null, string? outOfRange = null) =>
        new(name, helpName, description, variable)
        {
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result => ParseNumber(result, name, min, max, outOfRange) ?? fallback,
            DefaultValueFactory = _ => fallback,
        };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null when not given (or <paramref name="shownDefault"/>, which the help shows).</summary>
    public static CliOption<int?> OptionalNumber(string name, string helpName, int min, int max, string description, int? shownDefault = null)
    {
        var option = new CliOption<int?>(name, helpName, description, null)
        {
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result => ParseNumber(result, name, min, max, null),
        };
        if (shownDefault is not null)
        {
            option.DefaultValueFactory = _ => shownDefault;
        }
        return option;
    }

    private static int? ParseNumber(ArgumentResult result, string name, int min, int max, string? outOfRange)
    {
        if (Values(result).LastOrDefault() is not { } text)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }
        result.AddError(outOfRange is null
            ? $"{name} takes a whole number from {min} to {max}"
            : string.Format(CultureInfo.InvariantCulture, outOfRange, name, text));
        return null;
    }

    /// <summary>The values given; one that starts with <c>--</c> is the next option, so this one's value is missing.</summary>
    private static IEnumerable<string> Values(ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.StartsWith("--", StringComparison.Ordinal))
            {
                result.AddError($"{((OptionResult)result.Parent!).Option.Name} needs a value");
                yield break;
            }
            yield return token.Value;
        }
    }
}
