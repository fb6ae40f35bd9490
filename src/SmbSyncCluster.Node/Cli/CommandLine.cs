using System.Diagnostics.CodeAnalysis;
using Akka.Actor;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Embedded;

namespace SmbSyncCluster.Node.Cli;

/// <summary>Entry point of the <c>smbsync</c> command: dispatches verbs and maps outcomes to exit codes.</summary>
public static class CommandLine
{
    private const string Usage = """
        smbsync: keep local directories and SMB shares in sync

        Usage:
          smbsync sync LOCAL REMOTE [--mode mirror|upload|download] [--dry-run]
                       [--conflict keep-both|newer|local|remote|skip] [--workers N]
                       [--exclude GLOB]... [--include GLOB]... [--max-delete PERCENT] [--force]
                       [--checksum] [--job NAME] [--data-dir DIR] [--json]
          smbsync node [--http URL] [--port N] [--hostname HOST] [--seed HOST:PORT]... [--db sqlite:PATH|postgresql://...]
                       [--data-dir DIR] [--api-token-file FILE] [--credentials-dir DIR] [--config HOCON]...
                       [--discovery static|kubernetes] [--discovery-selector LABELS] [--discovery-service NAME]
                       [--discovery-contacts N] [--management-port N]
                       [--local-root DIR]... [--public-url URL] [--allowed-host NAME]... [--max-event-streams N]
                       [--tls-cert FILE --tls-ca FILE [--tls-key FILE] [--tls-password-file FILE]]
          smbsync jobs list|show|create|update|sync|pause|resume|stop|delete|history ... [--server URL] [--token-file PATH]
          smbsync demo

        Jobs on a running node (--server, else SMBSYNC_SERVER, else http://127.0.0.1:8080; the API token
        from SMBSYNC_API_TOKEN or --token-file):
          smbsync jobs list|show ID|history ID [--json]
          smbsync jobs create ID --local PATH --remote REMOTE [--mode M] [--conflict P] [--workers N]
                              [--exclude GLOB]... [--include GLOB]... [--interval SECONDS] [--credential NAME]
                              [--checksum|--no-checksum] [--json]
          smbsync jobs create --file SPEC.json [the same options, to override the file's]
          smbsync jobs update ID [the same options: those given replace the job's; --interval 0 removes the schedule]
          smbsync jobs sync ID [--dry-run] [--force] [--follow] [--json]
          smbsync jobs pause|resume|stop|delete ID

        Node: job specs' local paths must lie under a --local-root (SMBSYNC_LOCAL_ROOTS, a path list; required when
        --http listens beyond loopback) and never in the node's own state. The front answers only to its own names
        (localhost, its addresses, --public-url, --allowed-host; SMBSYNC_PUBLIC_URL, SMBSYNC_ALLOWED_HOSTS), refuses
        requests from other sites and bodies that are not application/json. --max-event-streams (default 64,
        SMBSYNC_MAX_EVENT_STREAMS) caps open /events streams. A credential's servers: file <name>.hosts beside it
        (or SMBSYNC_CREDENTIAL_<NAME>_HOSTS); without one it may go to any server.

        REMOTE is smb://[DOMAIN;]USER@HOST[:PORT]/SHARE[/PATH][?protection=sign|encrypt|?guest=true] or a local
        path; a session the server admits only as guest is refused unless the URL says guest=true.
        GLOB: * within a name, ** across directories, ? one character; anchored at the top when it holds a
        '/', except a trailing one, which names directories (--exclude node_modules/ at any depth,
        --include docs/ for every file under a docs directory).
        --checksum reads same-size files whose times differ on both sides: identical content is one version.
        The password comes from SMBSYNC_PASSWORD or --password-file.

        Exit codes: 0 synced, 1 some items failed, 2 invalid usage, 3 run refused or aborted
        (for jobs: the server refused the request or cannot be reached).
        """;

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

    private static int RunSync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParse(() => SyncArguments.Parse(args, Environment.GetEnvironmentVariable), stderr, out var sync))
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
        catch (DataDirectoryBusyException e)
        {
            // Another run holds the journal: this run is refused, as when it holds the directories.
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

    /// <summary>Runs the verb named by <paramref name="args"/> and returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Synced;
        }
        switch (args[0])
        {
            case "sync":
                return RunSync(args[1..], stdout, stderr);
            case "node":
                return Hosting.NodeCommand.Run(args[1..], stderr);
            case "jobs":
                return Jobs.JobsCommand.Run(args[1..], stdout, stderr);
            case "demo":
                stderr.WriteLine("smbsync: run the demo through the ./smbsync launcher or scripts/demo.sh.");
                return ExitCodes.Usage;
            default:
                stderr.WriteLine($"smbsync: unknown verb '{args[0]}'; see 'smbsync --help'.");
                return ExitCodes.Usage;
        }
    }
}
