using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>Scan, detect, plan and execute between two stores, keeping the base between runs, as a run does.</summary>
internal sealed class SyncCycle(IFileStore local, IFileStore remote)
{
    public TreeSnapshot Base { get; } = new();

    public ExecutorOptions Executor { get; init; } = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(5) };

    public async Task<(SyncPlan Plan, ExecutionResult? Result)> RunAsync(
        SyncMode mode, ConflictPolicy policy = ConflictPolicy.KeepBoth, bool force = false, bool dryRun = false,
        Func<Task>? beforeExecute = null, bool checksum = false, Func<Task>? afterHashing = null, ScanScope? scope = null)
    {
        var scans = await Task.WhenAll(
            new TreeScanner(local, PathFilter.None).ScanAsync(scope, default),
            new TreeScanner(remote, PathFilter.None).ScanAsync(scope, default));
        var tolerance = RunPlanning.Tolerance(local, remote);
        var (fixes, moves) = checksum ? await RunPlanning.MatchContentAsync(Base, scans[0], scans[1], local, remote, mode, default) : new ContentMatches([], []);
        var plan = RunPlanning.Plan(Base, scans[0], scans[1], local, remote, new PlanOptions
        {
            Mode = mode,
            ConflictPolicy = policy,
            Force = force,
            Timestamp = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
            ContentMoves = moves,
        }, scope);
        if (plan.IsRefused || dryRun)
        {
            return (plan, null);
        }
        if (afterHashing is not null)
        {
            await afterHashing();
        }
        await ContentMatcher.ApplyAsync(fixes, (local, remote), default);
        if (beforeExecute is not null)
        {
            await beforeExecute();
        }
        var result = await new SyncExecutor(local, remote, Executor with { MtimeTolerance = tolerance }).ExecuteAsync(plan, action =>
        {
            lock (Base)
            {
                action.RecordIn(Base);
            }
            return ValueTask.CompletedTask;
        }, null, default);
        return (plan, result);
    }
}
