using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Execution;

/// <summary>
/// Runs a plan against the two stores: renames for conflict copies first, then directory creations
/// (parents first), transfers, file deletions and directory deletions (deepest first), with
/// <see cref="ExecutorOptions.Workers"/> actions in flight within each stage. Transient errors are
/// retried with exponential backoff and jitter; item errors are collected and the run goes on; a
/// run-fatal error stops it. Every action is checked against the state the scan saw before it touches
/// anything, and each success is reported at once so that the caller can record it in the base.
/// One executor serves one run.
/// </summary>
public sealed class SyncExecutor(IFileStore local, IFileStore remote, ExecutorOptions options)
{
    private int _uploaded;
    private int _downloaded;
    private int _deletedLocal;
    private int _deletedRemote;

    /// <summary>Executes <paramref name="plan"/>; <paramref name="onCompleted"/> is called once per succeeded action.</summary>
    public async Task<ExecutionResult> ExecuteAsync(
        SyncPlan plan, Func<SyncAction, ValueTask> onCompleted, IProgress<SyncProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsRefused)
        {
            throw new InvalidOperationException($"the plan was refused: {plan.Refusal}");
        }
        var work = plan.Actions.Where(a => a.Kind is not (SyncActionKind.Skip or SyncActionKind.RecordConverged or SyncActionKind.ForgetBase)).ToList();
        var tracker = new ProgressTracker(work.Count, work.Sum(a => a.Size), options.ProgressInterval, progress);
        var failures = new List<ItemFailure>();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        string? abortReason = null;

        foreach (var bookkeeping in plan.Actions.Where(a => a.Kind is SyncActionKind.RecordConverged or SyncActionKind.ForgetBase))
        {
            await onCompleted(bookkeeping);
        }
        foreach (var stage in Stages(work))
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
        return new ExecutionResult(_uploaded, _downloaded, _deletedLocal, _deletedRemote, tracker.BytesDone, failures, abortReason);

        Task RunStageAsync(IReadOnlyList<SyncAction> stage) =>
            Parallel.ForEachAsync(stage, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = abort.Token },
                async (action, token) =>
                {
                    var failure = await RunWithRetriesAsync(action, tracker, token);
                    if (failure is null)
                    {
                        await onCompleted(action);
                    }
                    else if (failure.Class == ErrorClass.RunFatal)
                    {
                        abortReason ??= failure.Message;
                        await abort.CancelAsync();
                    }
                    else
                    {
                        lock (failures)
                        {
                            failures.Add(failure);
                        }
                    }
                    tracker.ItemDone();
                });
    }

    /// <summary>Groups the actions into stages whose members do not depend on each other.</summary>
    private static IEnumerable<IReadOnlyList<SyncAction>> Stages(List<SyncAction> work)
    {
        static int Depth(string path) => path.Count(c => c == '/');
        static bool IsDirectoryDelete(SyncAction a) =>
            a.Kind is SyncActionKind.DeleteLocal or SyncActionKind.DeleteRemote && a.Expected is { Kind: EntryKind.Directory };

        // Renames for conflict copies must finish before transfers reuse the names; they are few, so one at a time.
        foreach (var rename in work.Where(a => a.Kind is SyncActionKind.RenameLocal or SyncActionKind.RenameRemote))
        {
            yield return [rename];
        }
        foreach (var level in work.Where(a => a.Kind is SyncActionKind.CreateLocalDirectory or SyncActionKind.CreateRemoteDirectory)
                     .GroupBy(a => Depth(a.Path)).OrderBy(g => g.Key))
        {
            yield return [.. level];
        }
        yield return [.. work.Where(a => a.Kind is SyncActionKind.Upload or SyncActionKind.Download)];
        yield return [.. work.Where(a => a.Kind is SyncActionKind.DeleteLocal or SyncActionKind.DeleteRemote && !IsDirectoryDelete(a))];
        foreach (var level in work.Where(IsDirectoryDelete).GroupBy(a => Depth(a.Path)).OrderByDescending(g => g.Key))
        {
            yield return [.. level];
        }
    }

    private async Task<ItemFailure?> RunWithRetriesAsync(SyncAction action, ProgressTracker tracker, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            tracker.Started(action.Path);
            try
            {
                await ExecuteAsync(action, tracker, ct);
                return null;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var kind = e is ChangedSinceScanException ? ErrorClass.ItemPermanent : ErrorClassifier.Classify(e);
                if (kind != ErrorClass.Transient || attempt >= options.MaxAttempts)
                {
                    return new ItemFailure(action, kind, e.Message);
                }
                await Task.Delay(Backoff(attempt), ct);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = options.RetryBaseDelay.Ticks * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, options.RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.5 + (Random.Shared.NextDouble() * 0.5))));
    }

    private async Task ExecuteAsync(SyncAction action, ProgressTracker tracker, CancellationToken ct)
    {
        switch (action.Kind)
        {
            case SyncActionKind.Upload:
                await TransferAsync(local, remote, action, tracker, ct);
                Interlocked.Increment(ref _uploaded);
                break;
            case SyncActionKind.Download:
                await TransferAsync(remote, local, action, tracker, ct);
                Interlocked.Increment(ref _downloaded);
                break;
            case SyncActionKind.DeleteLocal:
                if (await DeleteAsync(local, "local", action, ct))
                {
                    Interlocked.Increment(ref _deletedLocal);
                }
                break;
            case SyncActionKind.DeleteRemote:
                if (await DeleteAsync(remote, "remote", action, ct))
                {
                    Interlocked.Increment(ref _deletedRemote);
                }
                break;
            case SyncActionKind.CreateLocalDirectory:
                await local.CreateDirectoryAsync(action.Path, ct);
                break;
            case SyncActionKind.CreateRemoteDirectory:
                await remote.CreateDirectoryAsync(action.Path, ct);
                break;
            case SyncActionKind.RenameLocal:
                await RenameAsync(local, "local", action, ct);
                break;
            case SyncActionKind.RenameRemote:
                await RenameAsync(remote, "remote", action, ct);
                break;
        }
    }

    private async Task TransferAsync(IFileStore source, IFileStore target, SyncAction action, ProgressTracker tracker, CancellationToken ct)
    {
        var expected = action.Expected ?? throw new InvalidOperationException($"{action.Kind} of '{action.Path}' has no source state");
        var (sourceSide, targetSide) = source == local ? ("local", "remote") : ("remote", "local");
        await EnsureUnchangedAsync(source, sourceSide, action.Path, expected, ct);
        // Never overwrite a destination that changed after the scan: that would lose an unseen edit.
        var there = await target.StatAsync(action.Path, ct);
        if (action.Replaces is { } replaced ? !Matches(there, replaced) : there is not null)
        {
            throw new ChangedSinceScanException(action.Path, targetSide);
        }
        var copied = 0L;
        try
        {
            await using var input = new VerifyingStream(
                await source.OpenReadAsync(action.Path, ct), source, action.Path, expected, options.MtimeTolerance.Ticks,
                n =>
                {
                    copied += n;
                    tracker.Bytes(n);
                });
            await target.WriteFileAsync(action.Path, input, expected.Size, new DateTime(expected.ModifiedTicks, DateTimeKind.Utc), ct);
        }
        catch
        {
            tracker.Bytes(-copied); // a retry copies them again
            throw;
        }
    }

    private async Task<bool> DeleteAsync(IFileStore store, string side, SyncAction action, CancellationToken ct)
    {
        var now = await store.StatAsync(action.Path, ct);
        if (now is null)
        {
            return false; // already gone: the goal is reached
        }
        if (action.Expected is { Kind: EntryKind.Directory })
        {
            await store.DeleteDirectoryAsync(action.Path, ct);
            return false;
        }
        if (action.Expected is not { } expected || !Matches(now, expected))
        {
            throw new ChangedSinceScanException(action.Path, side);
        }
        await store.DeleteFileAsync(action.Path, ct);
        return true;
    }

    private async Task RenameAsync(IFileStore store, string side, SyncAction action, CancellationToken ct)
    {
        var target = action.TargetPath ?? throw new InvalidOperationException($"rename of '{action.Path}' has no target");
        if (action.Expected is { } expected)
        {
            await EnsureUnchangedAsync(store, side, action.Path, expected, ct);
        }
        await store.RenameAsync(action.Path, target, ct);
    }

    private async Task EnsureUnchangedAsync(IFileStore store, string side, string path, EntryState expected, CancellationToken ct)
    {
        if (!Matches(await store.StatAsync(path, ct), expected))
        {
            throw new ChangedSinceScanException(path, side);
        }
    }

    private bool Matches(StoreEntry? entry, EntryState expected) =>
        entry is not null
        && expected.SameAs(
            new EntryState(entry.Kind == StoreEntryKind.Directory ? EntryKind.Directory : EntryKind.File, entry.Size, entry.ModifiedUtc.Ticks),
            options.MtimeTolerance.Ticks)
        && entry.Kind != StoreEntryKind.Other;
}
