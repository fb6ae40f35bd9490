using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Cli;
using SmbSyncCluster.Node.Embedded;

namespace SmbSyncCluster.Node.Hosting;

/// <summary>Runs <c>smbsync node</c> until it is told to stop; a bad setting is one line and exit code 2.</summary>
internal static class NodeCommand
{
    public static int Run(NodeVerb verb, ParseResult result)
    {
        var stderr = result.InvocationConfiguration.Error;
        if (!CommandLine.TryParse(() => NodeSettings.From(verb, result, Environment.GetEnvironmentVariable), stderr, out var settings))
        {
            return ExitCodes.Usage;
        }
        try
        {
            // A SQLite journal has one writer: this node, not also a one-shot sync on the same directory.
            if (PrivateFiles.PrepareDirectory(settings.DataDirectory, ours: settings.DataDirectory == Path.GetFullPath(EmbeddedNode.DefaultDataDirectory)) is { } warning)
            {
                stderr.WriteLine(TerminalText.Safe($"smbsync: warning: {warning}"));
            }
            using var journalLock = settings.SqlitePath is { } sqlite ? DataDirectoryLock.Acquire(Path.GetDirectoryName(sqlite)!) : null;
            if (settings.SqlitePath is { } journal)
            {
                PrivateFiles.PrepareFile(journal);
            }
            var app = NodeHost.Build(settings, Environment.GetEnvironmentVariable);
            app.Logger.LogNodeStarting(settings);
            app.Run();
            return ExitCodes.Synced;
        }
        catch (DataDirectoryBusyException e)
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: {e.Message}"));
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            // The HTTP or remoting port is taken, the data directory cannot be written...
            stderr.WriteLine($"smbsync: the node cannot start: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
