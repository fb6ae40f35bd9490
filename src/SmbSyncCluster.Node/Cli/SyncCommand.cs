using Akka.Actor;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Embedded;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// <c>smbsync sync</c>: one run of a job on an embedded one-node cluster whose journal lives in the
/// data directory, so the next run of the same pair is three-way. A run a crash interrupted is
/// finished first (it resumes by itself when the job recovers); then this run starts.
/// </summary>
internal sealed class SyncCommand(SyncArguments arguments, TextWriter stdout, TextWriter stderr, bool terminal)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The one-shot CLI's own files, which no pair may reach: the data directory and the startup cache.</summary>
    public static IReadOnlyList<string> PrivatePaths(string dataDirectory) =>
        StartupProfile.CacheDirectory() is { } cache ? [dataDirectory, cache] : [dataDirectory];

    public async Task<int> RunAsync(CancellationToken interrupt)
    {
        var spec = arguments.Spec;
        if (SmbUrl.IsSmbUrl(spec.Remote))
        {
            spec = spec with { Remote = SmbUrl.Parse(spec.Remote).WithoutPassword() }; // the password never reaches the journal
        }
        var dataDirectory = arguments.DataDirectory ?? EmbeddedNode.DefaultDataDirectory;
        var environment = new RunEnvironment
        {
            Passwords = _ => arguments.Password,
            PrivatePaths = PrivatePaths(dataDirectory),
        };
        if (PrivateFiles.PrepareDirectory(dataDirectory, ours: arguments.DataDirectory is null) is { } warning)
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: warning: {warning}"));
        }
        await using var node = await EmbeddedNode.StartAsync(dataDirectory, environment, CancellationToken.None);
        var jobs = node.Jobs;
        // Before the job is first asked anything: its recovery must see the events of a sync that just ended.
        var pair = $"'{spec.LocalPath}' with '{spec.Remote}'";
        await node.ClaimJobAsync(spec.Id, pair, interrupt);
        var before = await jobs.Ask<JobView>(new GetJob(spec.Id), AskTimeout);
        if (before.Spec is null && arguments.EarlierJobId is { } earlierId)
        {
            await node.ClaimJobAsync(earlierId, pair, interrupt);
            if (await jobs.Ask<JobView>(new GetJob(earlierId), AskTimeout) is { Spec: not null } earlierJob)
            {
                // Synced before its default id came from the pair's place: the job keeps the id its base is under.
                (spec, before) = (spec with { Id = earlierId }, earlierJob);
            }
        }
        if (before.RunId is { } interrupted)
        {
            stderr.WriteLine($"smbsync: finishing run {interrupted} of job {spec.Id}, interrupted earlier");
            if (before.Status == JobStatus.Paused)
            {
                await jobs.Ask<object>(new ControlRun(spec.Id, RunControl.Resume, DateTimeOffset.UtcNow), AskTimeout);
            }
            var earlier = await FollowAsync(node, spec.Id, interrupted, quiet: arguments.Json, interrupt);
            stderr.WriteLine($"smbsync: run {interrupted} {earlier.Outcome.WireName}: {earlier.Uploaded} uploaded, {earlier.Downloaded} downloaded, {earlier.Failed} failed");
            before = await jobs.Ask<JobView>(new GetJob(spec.Id), AskTimeout);
        }

        if (before.Spec is { } previous && !previous.SyncsSamePlaces(spec))
        {
            stderr.WriteLine(TerminalText.Safe(
                $"smbsync: job {spec.Id} synced {previous.LocalPath} with {previous.Masked().Remote} before; what it synced there is forgotten, so this is a first sync"));
        }
        if (await jobs.Ask<object>(new DefineJob(spec), AskTimeout) is CommandRefused refusedDefinition)
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: {refusedDefinition.Reason}"));
            return refusedDefinition.Refusal == JobRefusal.Invalid ? ExitCodes.Usage : ExitCodes.Refused;
        }
        if (spec.Watch)
        {
            return await WatchAsync(node, spec, interrupt);
        }
        var now = DateTimeOffset.UtcNow;
        var runId = StartRun.NewRunId(now);
        var start = new StartRun(spec.Id, runId, now, arguments.DryRun, arguments.Force, arguments.MaxDeletePercent);
        if (await jobs.Ask<object>(start, AskTimeout) is CommandRefused refusedRun)
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: {refusedRun.Reason}"));
            return ExitCodes.Refused;
        }
        var summary = await FollowAsync(node, spec.Id, runId, quiet: arguments.Json, interrupt);
        SummaryOutput.Write(spec.Id, summary, arguments.Json, stdout, stderr, spec.Remote);
        return RunSummaries.ExitCode(summary);
    }

    /// <summary>
    /// Follows a watched job until interrupted: its watchers start the runs (the first one over the whole tree),
    /// each shown as it goes and summarised as it ends. An interrupt while a run is in flight lets it finish
    /// first. Runs that found nothing to do (the job's own writes seen) are not shown. What goes wrong with
    /// watching (a lost connection to the share, say) is said on stderr, each problem once.
    /// </summary>
    private async Task<int> WatchAsync(EmbeddedNode node, JobSpec spec, CancellationToken interrupt)
    {
        stderr.WriteLine(TerminalText.Safe($"smbsync: watching {spec.LocalPath} and {spec.Masked().Remote}; Ctrl-C stops"));
        var view = new ProgressView(stderr, terminal, quiet: arguments.Json);
        using var feed = node.Follow(spec.Id);
        using var problems = node.WatchProblems(spec.Id);
        var said = new HashSet<string>(StringComparer.Ordinal);
        Task<string>? problem = null;
        Task<JobView>? next = null;
        string? running = null;
        while (true)
        {
            problem ??= problems.Problems.ReadAsync(CancellationToken.None).AsTask();
            next ??= feed.Views.ReadAsync(running is null ? interrupt : CancellationToken.None).AsTask();
            if (await Task.WhenAny(next, problem) == problem)
            {
                if (problem.IsCompletedSuccessfully && said.Add(problem.Result))
                {
                    view.Done();
                    stderr.WriteLine(TerminalText.Safe($"smbsync: {problem.Result}"));
                }
                // A feed that ended (the node stopping) is not read again.
                problem = problem.IsCompletedSuccessfully ? null : new TaskCompletionSource<string>().Task;
                continue;
            }
            JobView job;
            try
            {
                job = await next;
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
            {
                return ExitCodes.Synced;
            }
            next = null;
            if (running is not null && job.RunId != running)
            {
                view.Done();
                // The job's view carries the run as it was; the history may have merged it with the runs before it.
                if (job.LastRun is { } last && last.RunId == running)
                {
                    SummaryOutput.Write(spec.Id, last, arguments.Json, stdout, stderr, spec.Remote);
                }
                running = null;
                if (interrupt.IsCancellationRequested)
                {
                    return ExitCodes.Synced;
                }
            }
            running ??= job.RunId;
            if (running is not null && job.Progress is { } progress)
            {
                view.Show(progress);
            }
        }
    }

    /// <summary>
    /// Shows the run's progress, as the job pushes it, until it ends (asking it to stop on Ctrl-C), and
    /// returns its summary.
    /// </summary>
    private async Task<RunSummary> FollowAsync(EmbeddedNode node, string jobId, string runId, bool quiet, CancellationToken interrupt)
    {
        var jobs = node.Jobs;
        var view = new ProgressView(stderr, terminal, quiet);
        using var feed = node.Follow(jobId);
        var stopAsked = false;
        while (true)
        {
            JobView job;
            try
            {
                job = await feed.Views.ReadAsync(stopAsked ? CancellationToken.None : interrupt);
            }
            catch (OperationCanceledException) when (!stopAsked)
            {
                stopAsked = true;
                await jobs.Ask<object>(new ControlRun(jobId, RunControl.Stop, DateTimeOffset.UtcNow), AskTimeout);
                continue;
            }
            if (job.RunId != runId)
            {
                view.Done();
                // The job's own view of its last run carries what the journal does not keep (a dry run's plan).
                if (job.LastRun is { } last && last.RunId == runId)
                {
                    return last;
                }
                var history = await jobs.Ask<JobHistory>(new GetJobHistory(jobId), AskTimeout);
                return history.Runs.LastOrDefault(r => r.RunId == runId)
                    ?? throw new InvalidOperationException($"run {runId} of job {jobId} ended without a summary");
            }
            if (job.Progress is { } progress)
            {
                view.Show(progress);
            }
        }
    }
}
