using System.CommandLine;
using System.Text.Json;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Cli.Jobs;
using SmbSyncCluster.Node.Embedded;
using SmbSyncCluster.Node.Http;
using SmbSyncCluster.Node.Reports;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Versions;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// <c>smbsync versions</c> and <c>smbsync restore</c> for a one-shot pair: the pair's stores opened in this process as
/// a node opens a job's for its versions routes (<see cref="JobVersions"/>), so a restore takes the locks a run of the
/// pair takes and is refused while one holds them. No journal is read or written: a restore is a change on one side,
/// which the next sync of the pair finds like any other.
/// </summary>
internal sealed class VersionsCommand(VersionArguments arguments, TextWriter stdout)
{
    /// <summary>Runs <c>smbsync versions</c>.</summary>
    public static int RunVersions(VersionsVerb verb, ParseResult result) =>
        Run(() => VersionArguments.From(verb, result, Environment.GetEnvironmentVariable), result, (command, ct) => command.ListAsync(ct));

    /// <summary>Runs <c>smbsync restore</c>.</summary>
    public static int RunRestore(RestoreVerb verb, ParseResult result) =>
        Run(() => VersionArguments.From(verb, result, Environment.GetEnvironmentVariable), result, (command, ct) => command.RestoreAsync(ct));

    private static int Run(Func<VersionArguments> parse, ParseResult result, Func<VersionsCommand, CancellationToken, Task> act)
    {
        var stdout = result.InvocationConfiguration.Output;
        var stderr = result.InvocationConfiguration.Error;
        if (!CommandLine.TryParse(parse, stderr, out var arguments))
        {
            return ExitCodes.Usage;
        }
        using var interrupt = new ConsoleInterrupt();
        try
        {
            act(new VersionsCommand(arguments, stdout), interrupt.Token).GetAwaiter().GetResult();
            return ExitCodes.Synced;
        }
        catch (Exception e) when (VersionFailure.Of(e) is { } failure)
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: {failure.Message}"));
            return failure.Kind == VersionFailureKind.Invalid ? ExitCodes.Usage : ExitCodes.Refused;
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
        {
            stderr.WriteLine("smbsync: interrupted");
            return ExitCodes.Refused;
        }
    }

    private StoreOpener Open => JobVersions.Opener(arguments.Spec, new NodeLimits { PrivatePaths = SyncCommand.PrivatePaths(EmbeddedNode.DefaultDataDirectory) }, _ => arguments.Password);

    private async Task ListAsync(CancellationToken ct)
    {
        var versions = (await JobVersions.ListAsync(arguments.Spec, Open, arguments.FilePath, ct)).Select(VersionResource.From).ToList();
        IReadOnlyList<string> lines = arguments.Json ? [JsonSerializer.Serialize(versions, NodeJson.Options)]
            : versions.Count == 0 ? [$"no versions of {arguments.FilePath} kept"]
            : JobsTables.Versions(versions);
        Write(lines);
    }

    private async Task RestoreAsync(CancellationToken ct)
    {
        var restored = await JobVersions.RestoreAsync(arguments.Spec, Open, arguments.FilePath, arguments.VersionName!, arguments.Side, DateTime.UtcNow, ct);
        var other = restored.Side == SyncSide.Local ? SyncSide.Remote : SyncSide.Local;
        Write(JobsCommand.Restored(RestoreResource.From(restored), $"the next sync carries it to the {VersionResource.SideName(other)} side"));
    }

    private void Write(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            stdout.WriteLine(TerminalText.Safe(line));
        }
    }
}
