using System.CommandLine;
using SmbSyncCluster.Cluster.Limits;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Http;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>
/// <c>smbsync jobs ...</c>: a thin client of a node's HTTP front. Prints what the server answers (as it
/// came with --json) and maps failures to the CLI's exit codes, one line on stderr each.
/// </summary>
internal sealed class JobsCommand(JobsArguments arguments, JobsClient client, TextWriter stdout, TextWriter stderr, bool terminal)
{
    /// <summary>Reads the verb of <paramref name="jobs"/> in <paramref name="result"/>, runs it against the server, and returns the exit code.</summary>
    public static int Run(JobsVerb jobs, ParseResult result)
    {
        var stdout = result.InvocationConfiguration.Output;
        var stderr = result.InvocationConfiguration.Error;
        if (!CommandLine.TryParse(() => JobsArguments.From(jobs, result, Environment.GetEnvironmentVariable), stderr, out var arguments))
        {
            return ExitCodes.Usage;
        }
        using var client = new JobsClient(arguments.Server, arguments.Token, new SocketsHttpHandler());
        using var interrupt = new ConsoleInterrupt(); // leave cleanly: the bar's line is ended and the user told what goes on
        var terminal = !Console.IsErrorRedirected;
        return new JobsCommand(arguments, client, stdout, stderr, terminal).RunAsync(interrupt.Token).GetAwaiter().GetResult();
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var id = arguments.JobId!; // every verb but list takes one (JobsArguments checks)
        try
        {
            switch (arguments.Verb)
            {
                case "list":
                    var jobs = await client.ListAsync(ct);
                    Print(jobs, list => list.Count == 0 ? ["no jobs"] : JobsTables.Jobs(list));
                    return ExitCodes.Synced;
                case "show":
                    Print(await client.GetAsync(id, ct), JobDetails.Lines);
                    return ExitCodes.Synced;
                case "create":
                    Print(await client.CreateAsync(arguments.NewSpec!, ct), JobDetails.Lines);
                    return ExitCodes.Synced;
                case "update":
                    // The API replaces whole specs: change the given fields of the current one.
                    var current = await client.GetAsync(id, ct);
                    Print(await client.UpdateAsync(arguments.Changes.ApplyTo(current.Value.Spec), ct), JobDetails.Lines);
                    return ExitCodes.Synced;
                case "sync":
                    return await SyncAsync(id, ct);
                case "pause" or "resume" or "stop":
                    var control = Enum.Parse<RunControl>(arguments.Verb, ignoreCase: true);
                    Print(await client.ControlAsync(id, control, ct), run => [$"{arguments.Verb} requested for {(run.RunId is null ? "" : $"run {run.RunId} of ")}job {run.JobId}"]);
                    return ExitCodes.Synced;
                case "delete":
                    await client.DeleteAsync(id, ct);
                    stdout.WriteLine($"deleted job {id}");
                    return ExitCodes.Synced;
                case "versions":
                    Print(await client.VersionsAsync(id, arguments.FilePath!, ct),
                        versions => versions.Count == 0 ? [$"no versions of {arguments.FilePath} kept"] : JobsTables.Versions(versions));
                    return ExitCodes.Synced;
                case "restore":
                    Print(await client.RestoreAsync(id, new RestoreRequest(arguments.FilePath, arguments.VersionName, arguments.Side), ct), restored => Restored(restored, "the next run syncs it"));
                    return ExitCodes.Synced;
                case "stats" when arguments.JobId is null:
                    Print(await client.ClusterStatisticsAsync(ct), JobsTables.Statistics);
                    return ExitCodes.Synced;
                case "stats":
                    Print(await client.StatisticsAsync(id, ct), JobsTables.Statistics);
                    return ExitCodes.Synced;
                case "servers":
                    Print(await client.ServersAsync(ct), servers => servers.Count == 0 ? [$"no server limited or in use; each takes {ServerGate.DefaultLimit} transfers at once"] : JobsTables.Servers(servers));
                    return ExitCodes.Synced;
                case "server-limit":
                    Print(await client.SetServerLimitAsync(arguments.ServerLimit!.Value.Host, arguments.ServerLimit.Value.MaxTransfers, ct), JobsTables.Servers);
                    return ExitCodes.Synced;
                case "history":
                    Print(await client.HistoryAsync(id, ct), runs => runs.Count == 0 ? ["no runs yet"] : JobsTables.History(runs));
                    return ExitCodes.Synced;
                default:
                    throw new InvalidOperationException($"JobsArguments let through the verb '{arguments.Verb}'");
            }
        }
        catch (JobsApiException e)
        {
            foreach (var line in e.Lines)
            {
                stderr.WriteLine(TerminalText.Safe($"smbsync: {line}"));
            }
            return e.ExitCode;
        }
        catch (UsageException e)
        {
            // update: --mode or --conflict names none, found once the current spec was fetched.
            e.WriteTo(stderr);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stderr.WriteLine($"smbsync: interrupted; what the server was asked may or may not have been done ('smbsync jobs show {id}' tells)");
            return ExitCodes.Refused;
        }
    }

    /// <summary>Starts a run; without --follow prints its id, with it shows the run to its end and exits as <c>smbsync sync</c> would.</summary>
    private async Task<int> SyncAsync(string id, CancellationToken ct)
    {
        var started = await client.SyncAsync(id, arguments.DryRun, arguments.Force, ct);
        var runId = started.Value.RunId ?? throw new JobsApiException(ExitCodes.Refused, $"{client.Server} started a run of job '{id}' but did not say which");
        if (!arguments.Follow)
        {
            Print(started, _ => [runId]);
            return ExitCodes.Synced;
        }
        var view = new ProgressView(stderr, terminal, quiet: arguments.Json);
        RunSummary summary;
        try
        {
            summary = await RunFollower.FollowAsync(client, id, runId, view, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C leaves the run alone: it belongs to the job on the server, not to this process.
            stderr.WriteLine($"smbsync: no longer following run {runId}; it goes on (smbsync jobs stop {id} stops it)");
            return ExitCodes.Refused;
        }
        SummaryOutput.Write(id, summary, arguments.Json, stdout, stderr, remote: null);
        return RunSummaries.ExitCode(summary);
    }

    /// <summary>What a restore did, for people; <paramref name="next"/> says what becomes of it.</summary>
    internal static IReadOnlyList<string> Restored(RestoreResource restored, string next) =>
    [
        $"restored {restored.Path} on the {restored.Side} side from {restored.Version}; {next}",
        .. restored.KeptCurrentAs is { } kept ? [$"the file that was there is kept as {kept}"] : Array.Empty<string>(),
    ];

    /// <summary>The server's JSON as it came with --json, else <paramref name="lines"/> of it for people.</summary>
    private void Print<T>(ApiResult<T> result, Func<T, IReadOnlyList<string>> lines)
    {
        foreach (var line in arguments.Json ? [result.Json.Trim()] : lines(result.Value))
        {
            stdout.WriteLine(TerminalText.Safe(line));
        }
    }
}
