using System.CommandLine;
using System.CommandLine.Parsing;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// What is wrong with a command line, as the one line <c>smbsync</c> prints (after <c>smbsync: </c>) instead of
/// System.CommandLine's messages and help: an option first (unknown, misplaced, missing or bad value), then
/// the positional arguments, in the words of the verb.
/// </summary>
internal static class UsageErrors
{
    private const string SeeHelp = "see 'smbsync --help'";

    /// <summary>The first problem of <paramref name="result"/>, or null when it has none that stops the command.</summary>
    public static string? Describe(ParseResult result)
    {
        if (result.Action is not System.CommandLine.Invocation.ParseErrorAction)
        {
            return null;
        }
        var command = result.CommandResult.Command;
        var unmatched = result.UnmatchedTokens;
        // An option no verb here takes is read as a positional argument (or left unmatched): it is still an option.
        var positionals = result.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value).Concat(unmatched).ToList();
        if (result.Tokens.Select(t => t.Value).FirstOrDefault(t => IsOption(t) && positionals.Contains(t)) is { } option)
        {
            // An option of another verb is misplaced, not unknown: after an unknown verb, the verb is what is wrong.
            var elsewhere = command.Subcommands.Count > 0 ? command.Subcommands : command.Parents.OfType<VerbCommand>().SelectMany(p => p.Subcommands);
            var misplaced = elsewhere.SelectMany(c => c.Options).Any(o => o.Name == option || o.Aliases.Contains(option));
            if (!misplaced)
            {
                return $"unknown option '{option}'; {SeeHelp}";
            }
            if (command is VerbCommand { Subcommands.Count: 0 } verb)
            {
                return $"{option} does not apply to '{verb.Path}'; {SeeHelp}";
            }
        }
        if (result.Errors.FirstOrDefault(e => OptionOf(e.SymbolResult) is not null) is { } bad)
        {
            var optionResult = OptionOf(bad.SymbolResult)!;
            return optionResult.Tokens.Count == 0 ? $"{optionResult.Option.Name} needs a value" : bad.Message;
        }
        if (unmatched.Count > 0 || result.Errors.Any(e => e.SymbolResult is CommandResult or ArgumentResult))
        {
            var words = positionals.Where(t => !IsOption(t)).ToList();
            return command is VerbCommand verb ? verb.PositionalError(words)
                : words.Count > 0 ? $"unknown verb '{words[0]}'; {SeeHelp}."
                : $"unknown option '{unmatched[0]}'; {SeeHelp}";
        }
        return result.Errors[0].Message; // a response file that cannot be read
    }

    /// <summary>Throws the one line of <paramref name="result"/>'s problem, if it has one.</summary>
    public static ParseResult ThrowIfAny(ParseResult result) => Describe(result) is { } error ? throw new UsageException(error) : result;

    /// <summary>Makes a token that looks like an option an error when <paramref name="argument"/> takes it, so that <see cref="Describe"/> names it.</summary>
    public static T RefusingOptions<T>(this T argument)
        where T : Argument
    {
        argument.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => IsOption(t.Value)) is { } token)
            {
                result.AddError($"unknown option '{token.Value}'");
            }
        });
        return argument;
    }

    private static bool IsOption(string token) => token.StartsWith('-') && token.Length > 1;

    private static OptionResult? OptionOf(SymbolResult? symbol) => symbol switch
    {
        OptionResult option => option,
        ArgumentResult { Parent: OptionResult option } => option,
        _ => null,
    };
}
