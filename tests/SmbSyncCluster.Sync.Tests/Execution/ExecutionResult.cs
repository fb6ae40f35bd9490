using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>What an execution did. Counts are of files; failures are per item.</summary>
/// <param name="Uploaded">Files copied to the remote.</param>
/// <param name="Downloaded">Files copied to the local side.</param>
/// <param name="DeletedLocal">Local files deleted.</param>
/// <param name="DeletedRemote">Remote files deleted.</param>
/// <param name="BytesTransferred">Bytes copied.</param>
/// <param name="Failures">Items that failed; the run went on past them.</param>
/// <param name="AbortReason">Set when a run-fatal error stopped the execution.</param>
internal sealed record ExecutionResult(
    int Uploaded,
    int Downloaded,
    int DeletedLocal,
    int DeletedRemote,
    long BytesTransferred,
    IReadOnlyList<ItemFailure> Failures,
    string? AbortReason)
{
    /// <summary>Files moved by a rename where the other side had moved them.</summary>
    public int Moved { get; init; }
}

/// <summary>
/// Summaries of runs executed in one go by <see cref="SyncExecutor"/>: what the run did is applied to a
/// job's state as the events the job would journal, and summarized by the job's own <see cref="RunSummaries"/>.
/// </summary>
internal static class ExecutionSummaries
{
    public static RunSummary Build(
        string runId, SyncPlan plan, ExecutionResult? result, bool dryRun, SyncMode mode, DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        var state = new JobState();
        state.Apply(new RunStarted("job", runId, startedAt, dryRun));
        if (result is not null)
        {
            state.Apply(new ItemsSynced("job", runId, [], result.BytesTransferred,
                new FileCounts(result.Uploaded, result.Downloaded, result.DeletedLocal, result.DeletedRemote, result.Moved)));
            state.Apply(new ItemsFailed("job", runId, [.. result.Failures.Select(RunSummaries.ErrorOf)]));
        }
        return RunSummaries.Build(state.Run!, mode, plan, result?.AbortReason, stopped: false, finishedAt);
    }
}
