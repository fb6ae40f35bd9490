using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>
/// The domain tests' executor: what a run's executor actor does, without actors. Runs a plan stage by
/// stage (<see cref="ExecutionStages"/>), <see cref="ExecutorOptions.Workers"/> actions in flight within
/// a stage, each through an <see cref="ActionRunner"/> (which retries transient errors itself); item
/// errors are collected and the run goes on, a run-fatal error stops it. Each success is reported at
/// once so that the caller can record it in the base.
/// </summary>
internal sealed class SyncExecutor(IFileStore local, IFileStore remote, ExecutorOptions options)
{
    private readonly ActionRunner _runner = new(local, remote, options);

    /// <summary>Executes <paramref name="plan"/>; <paramref name="onCompleted"/> is called once per succeeded action.</summary>
    public async Task<ExecutionResult> ExecuteAsync(
        SyncPlan plan, Func<SyncAction, ValueTask> onCompleted, IProgress<SyncProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsRefused)
        {
            throw new InvalidOperationException($"the plan was refused: {plan.Refusal}");
        }
        var stages = ExecutionStages.Of(plan.Actions).ToList();
        var tracker = new ProgressTracker(stages.Sum(s => s.Count), stages.Sum(s => s.Sum(a => a.Size)), options.ProgressInterval, progress);
        var failures = new List<ItemFailure>();
        var counts = FileCounts.Zero;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        string? abortReason = null;

        foreach (var bookkeeping in plan.Actions.Where(a => a.Kind is SyncActionKind.RecordConverged or SyncActionKind.ForgetBase))
        {
            await onCompleted(bookkeeping);
        }
        foreach (var stage in stages)
        {
            try
            {
                await RunStageAsync(stage);
            }
            catch (OperationCanceledException) when (abortReason is not null && !ct.IsCancellationRequested)
            {
                break; // a run-fatal error stopped the stage; its reason is reported below
            }
            ct.ThrowIfCancellationRequested();
            if (abortReason is not null)
            {
                break;
            }
        }
        tracker.Finish();
        return new ExecutionResult(counts.Uploaded, counts.Downloaded, counts.DeletedLocal, counts.DeletedRemote, tracker.BytesDone, failures, abortReason)
        {
            Moved = counts.Moved,
        };

        Task RunStageAsync(IReadOnlyList<SyncAction> stage) =>
            Parallel.ForEachAsync(stage, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = abort.Token },
                async (action, token) =>
                {
                    tracker.Started(action.Path);
                    var result = await _runner.RunAsync(action, tracker.Bytes, token);
                    if (result.Failure is null)
                    {
                        lock (failures)
                        {
                            counts += RunSummaries.CountsOf(action, result.Effect);
                        }
                        await onCompleted(action);
                    }
                    else if (result.Failure.Class == ErrorClass.RunFatal)
                    {
                        abortReason ??= result.Failure.Message;
                        await abort.CancelAsync();
                    }
                    else
                    {
                        lock (failures)
                        {
                            failures.Add(result.Failure);
                        }
                    }
                    tracker.ItemDone();
                });
    }
}
