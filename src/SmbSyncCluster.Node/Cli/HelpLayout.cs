using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// The help of every command: System.CommandLine's, generated from its arguments and options, then each
/// verb's usage line (top level) and the command's <see cref="VerbCommand.Notes"/>.
/// </summary>
internal sealed class HelpLayout : SynchronousCommandLineAction
{
    /// <summary>Lines are wrapped at the terminal's width, within these bounds (at the upper one when not a terminal).</summary>
    private const int MinWidth = 60, MaxWidth = 110;

    private readonly HelpAction _generated;

    private HelpLayout(HelpAction generated) => _generated = generated;

    /// <summary>Help is asked for: a command line with an error in it still gets the help.</summary>
    public override bool ClearsParseErrors => true;

    /// <summary>Makes <paramref name="root"/>'s help option write this layout for every command.</summary>
    public static void Apply(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpLayout(new HelpAction { MaxWidth = Width() });
    }

    public override int Invoke(ParseResult parseResult)
    {
        var code = _generated.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        var command = parseResult.CommandResult.Command;
        if (command is RootCommand)
        {
            output.WriteLine("Verbs:");
            foreach (var verb in command.Subcommands.Where(c => !c.Hidden))
            {
                output.WriteLine($"  {Usage(verb)}");
            }
            output.WriteLine();
        }
        if ((command is RootCommand ? HelpNotes.Root : (command as VerbCommand)?.Notes) is { } notes)
        {
            output.WriteLine(notes.TrimEnd());
        }
        return code;
    }

    /// <summary>The verb's usage line, like <c>smbsync sync &lt;LOCAL&gt; &lt;REMOTE&gt; [options]</c>.</summary>
    private static string Usage(Command verb) => string.Join(' ', ((IEnumerable<string>)
        [
            "smbsync",
            verb.Name,
            .. verb.Subcommands.Count > 0 ? ["<verb>"] : Array.Empty<string>(),
            .. verb.Arguments.Where(a => !a.Hidden).Select(a => a.Arity.MinimumNumberOfValues == 0 ? $"[<{a.Name}>]" : $"<{a.Name}>"),
            .. verb.Options.Any(o => !o.Hidden) ? ["[options]"] : Array.Empty<string>(),
        ]));

    private static int Width()
    {
        try
        {
            return Console.IsOutputRedirected ? MaxWidth : Math.Clamp(Console.WindowWidth, MinWidth, MaxWidth);
        }
        catch (IOException)
        {
            return MaxWidth;
        }
    }
}
