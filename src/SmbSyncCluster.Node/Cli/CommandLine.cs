using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Akka.Actor;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Embedded;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Node.Cli;

/// <summary>Entry point of the <c>smbsync</c> command: dispatches verbs and maps outcomes to exit codes.</summary>
public static class CommandLine
{
    /// <summary>Parses a verb's arguments; bad usage is one line on <paramref name="stderr"/> and false.</summary>
    internal static bool TryParse<T>(Func<T> parse, TextWriter stderr, [NotNullWhen(true)] out T? parsed)
        where T : class
    {
        try
        {
            parsed = parse();
            return true;
        }
        catch (UsageException e)
        {
            e.WriteTo(stderr);
            parsed = null;
            return false;
        }
    }

    /// <summary>Runs the verb named by <paramref name="args"/> and returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var cli = new SmbsyncCommand();
        cli.Sync.SetAction(result => RunSync(cli.Sync, result));
        cli.Versions.SetAction(result => VersionsCommand.RunVersions(cli.Versions, result));
        cli.Restore.SetAction(result => VersionsCommand.RunRestore(cli.Restore, result));
        cli.Node.SetAction(result => Hosting.NodeCommand.Run(cli.Node, result));
        foreach (var verb in cli.Jobs.Subcommands)
        {
            verb.SetAction(result => Jobs.JobsCommand.Run(cli.Jobs, result));
        }
        cli.Demo.SetAction(result =>
        {
            result.InvocationConfiguration.Error.WriteLine("smbsync: run the demo through the ./smbsync launcher or scripts/demo.sh.");
            return ExitCodes.Usage;
        });
        // No verb at all: the help, but as a usage error; "smbsync help" is asked for, as --help.
        var parsed = cli.Parse(args is [] or ["help"] ? ["--help"] : args);
        if (UsageErrors.Describe(parsed) is { } error)
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: {error}"));
            return ExitCodes.Usage;
        }
        var code = parsed.Invoke(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false, // an unexpected exception is a crash, with its stack trace, not a line
            ProcessTerminationTimeout = null, // Ctrl-C is each verb's own (ConsoleInterrupt, the node's host)
        });
        return args.Length == 0 ? ExitCodes.Usage : code;
    }

    private static int RunSync(SyncVerb verb, ParseResult result)
    {
        var stdout = result.InvocationConfiguration.Output;
        var stderr = result.InvocationConfiguration.Error;
        if (!TryParse(() => SyncArguments.From(verb, result, Environment.GetEnvironmentVariable).RequirePassword(), stderr, out var sync))
        {
            return ExitCodes.Usage;
        }
        using var profile = StartupProfile.Begin("sync");
        using var interrupt = new ConsoleInterrupt();
        try
        {
            var terminal = !Console.IsErrorRedirected;
            return new SyncCommand(sync, stdout, stderr, terminal).RunAsync(interrupt.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is DataDirectoryBusyException or PlaceBusyException)
        {
            // A node holds the journal, or another sync the job: this run is refused, as when another holds the directories.
            stderr.WriteLine(TerminalText.Safe($"smbsync: {e.Message}"));
            return ExitCodes.Refused;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: the data directory cannot be used: {e.Message}"));
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is AskTimeoutException or TimeoutException)
        {
            stderr.WriteLine($"smbsync: the sync engine did not answer in time ({e.Message}); see smbsync.log in the data directory");
            return ExitCodes.Refused;
        }
    }
}
