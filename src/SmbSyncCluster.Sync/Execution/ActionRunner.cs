using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Sync.Versions;

namespace SmbSyncCluster.Sync.Execution;

/// <summary>
/// Carries out single actions between the two stores. Before touching anything an action checks the
/// entry is still what the scan saw (and a transfer checks its destination too), so a change made after
/// the scan is never overwritten or deleted. With <see cref="ExecutorOptions.KeepVersions"/>, what a delete or
/// an overwrite would lose is moved into the side's versions area instead. Any number of callers may share one runner.
/// </summary>
public sealed class ActionRunner(IFileStore local, IFileStore remote, ExecutorOptions options)
{
    /// <summary>Bytes compared at the start of a file before it is renamed for another (<see cref="SameStartAsync"/>).</summary>
    private const int MoveSample = 64 * 1024;

    /// <summary>
    /// Runs one action, retrying transient errors with exponential backoff and jitter; returns what it
    /// did, or its failure after the last attempt. <paramref name="onBytes"/> hears of bytes copied
    /// (negative when a failed attempt's bytes are taken back).
    /// </summary>
    public async Task<ActionResult> RunAsync(SyncAction action, Action<long> onBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new ActionResult(action, await AttemptAsync(action, onBytes, ct), null);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var kind = ErrorClassifier.Classify(e);
                if (kind != ErrorClass.Transient || attempt >= options.MaxAttempts)
                {
                    return new ActionResult(action, ActionEffect.None, new ItemFailure(action, kind, e.Message));
                }
                await Task.Delay(options.RetryDelay(attempt), ct);
            }
        }
    }

    /// <summary>
    /// Runs one action once and returns what it did; any error is thrown for the caller to classify
    /// (the cluster's transfer workers retry through supervision instead of <see cref="RunAsync"/>'s loop).
    /// </summary>
    public Task<ActionEffect> AttemptAsync(SyncAction action, Action<long> onBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        return ExecuteAsync(action, onBytes, ct);
    }

    private async Task<ActionEffect> ExecuteAsync(SyncAction action, Action<long> onBytes, CancellationToken ct)
    {
        switch (action.Kind)
        {
            case SyncActionKind.Upload:
                await TransferAsync(local, remote, action, onBytes, ct);
                return ActionEffect.Uploaded;
            case SyncActionKind.Download:
                await TransferAsync(remote, local, action, onBytes, ct);
                return ActionEffect.Downloaded;
            case SyncActionKind.DeleteLocal:
                return await DeleteAsync(local, "local", action, ct) ? ActionEffect.DeletedLocalFile : ActionEffect.None;
            case SyncActionKind.DeleteRemote:
                return await DeleteAsync(remote, "remote", action, ct) ? ActionEffect.DeletedRemoteFile : ActionEffect.None;
            case SyncActionKind.CreateLocalDirectory:
                await local.CreateDirectoryAsync(action.Path, ct);
                break;
            case SyncActionKind.CreateRemoteDirectory:
                await remote.CreateDirectoryAsync(action.Path, ct);
                break;
            case SyncActionKind.MoveLocal:
                return await MoveAsync(local, remote, action, onBytes, ct);
            case SyncActionKind.MoveRemote:
                return await MoveAsync(remote, local, action, onBytes, ct);
            case SyncActionKind.RenameLocal:
                await RenameAsync(local, "local", action, ct);
                break;
            case SyncActionKind.RenameRemote:
                await RenameAsync(remote, "remote", action, ct);
                break;
        }
        return ActionEffect.None;
    }

    private async Task TransferAsync(IFileStore source, IFileStore target, SyncAction action, Action<long> onBytes, CancellationToken ct)
    {
        var expected = action.Expected ?? throw new InvalidOperationException($"{action.Kind} of '{action.Path}' has no source state");
        var (sourceSide, targetSide) = source == local ? ("local", "remote") : ("remote", "local");
        await EnsureUnchangedAsync(source, sourceSide, action.Path, expected, ct);
        // Never overwrite a destination that changed after the scan: that would lose an unseen edit. A
        // replacement checks before the copy (no bytes sent for nothing) and again right before its
        // rename, since an edit may land while a long copy runs; either way the item fails as changed
        // since the scan, like a source that changed, and the next run sees both edits: a conflict,
        // both kept. A new file is written without overwrite, so one that appeared meanwhile makes the
        // final rename fail, which saves a round trip per file.
        // With versions kept, the replaced file is moved into the versions area as the last step before the
        // rename that puts the new one in its place, and moved back should that rename fail: the path is
        // without a file only between those two renames.
        ReplaceCheck? replace = null;
        string? keptAs = null;
        if (action.Replaces is { } replaced)
        {
            async Task CheckAsync(CancellationToken token)
            {
                if (!Matches(await target.StatAsync(action.Path, token), replaced))
                {
                    throw new ChangedSinceScanException(action.Path, targetSide);
                }
            }
            await CheckAsync(ct);
            replace = options.KeepVersions
                ? async token =>
                {
                    await CheckAsync(token);
                    keptAs = await VersionArea.KeepAsync(target, action.Path, Now, token);
                }
                : CheckAsync;
        }
        var copied = 0L;
        try
        {
            Stream verified = new VerifyingStream(
                await source.OpenReadAsync(action.Path, ct), source, action.Path, expected, options.MtimeTolerance.Ticks,
                n =>
                {
                    copied += n;
                    onBytes(n);
                });
            // Limits apply to the bytes read from the source: the same stream whichever way the copy goes.
            await using var input = options.Throttle is { } throttle ? new ThrottledStream(verified, throttle) : verified;
            await target.WriteFileAsync(
                action.Path, input, expected.Size, new DateTime(expected.ModifiedTicks, DateTimeKind.Utc), replace, ct);
        }
        catch (Exception e)
        {
            onBytes(-copied); // a retry copies them again
            if (keptAs is not null)
            {
                await VersionArea.PutBackAsync(target, keptAs, action.Path);
            }
            if (replace is null && e is not SourceChangedException && ErrorClassifier.Classify(e) == ErrorClass.ItemPermanent
                && await target.StatAsync(action.Path, ct) is not null)
            {
                throw new ChangedSinceScanException(action.Path, targetSide);
            }
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
        if (options.KeepVersions)
        {
            await VersionArea.KeepAsync(store, action.Path, Now, ct);
        }
        else
        {
            await store.DeleteFileAsync(action.Path, ct);
        }
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

    /// <summary>
    /// Carries out on <paramref name="store"/> a move made on <paramref name="mover"/>: only if what is
    /// renamed is still what the scan saw (a file by its size and time, a directory by everything the move
    /// records under it, one listing per directory), so that the base never records a version this side
    /// does not hold; the rename itself fails when the target exists, so nothing that appeared there since
    /// the scan is replaced. Either failure fails the item, and the next run, seeing both sides anew,
    /// copies what it must. A single file is renamed only if its first bytes are those of the file it is
    /// taken for (<see cref="SameStartAsync"/>); otherwise it is copied and the old one deleted.
    /// </summary>
    private async Task<ActionEffect> MoveAsync(IFileStore store, IFileStore mover, SyncAction action, Action<long> onBytes, CancellationToken ct)
    {
        var side = store == local ? "local" : "remote";
        var target = action.TargetPath ?? throw new InvalidOperationException($"move of '{action.Path}' has no target");
        var moved = action.Moved ?? throw new InvalidOperationException($"move of '{action.Path}' carries no entries");
        await EnsureUnchangedAsync(store, side, action.Path, moved[0].There, ct);
        foreach (var directory in moved.Skip(1).ToLookup(m => RelativePath.Parent(m.From).ToString(), StringComparer.Ordinal))
        {
            var listed = (await store.ListAsync(directory.Key, ct)).ToDictionary(e => e.Name, StringComparer.Ordinal);
            foreach (var entry in directory)
            {
                if (!listed.TryGetValue(RelativePath.Name(entry.From).ToString(), out var now) || !now.Matches(entry.There, options.MtimeTolerance.Ticks))
                {
                    throw new ChangedSinceScanException(entry.From, side);
                }
            }
        }
        if (moved is [{ There.IsFile: true } file] && !await SameStartAsync(store, file.From, mover, file.To, ct))
        {
            var on = store == local ? SyncSide.Local : SyncSide.Remote;
            await TransferAsync(mover, store, SideActions.Place(on, file.To, file.Synced, replaces: null), onBytes, ct);
            await DeleteAsync(store, side, SideActions.Delete(on, file.From, file.There), ct);
            return ActionEffect.CopiedInsteadOfMoved;
        }
        await store.RenameAsync(action.Path, target, ct);
        if (moved is [{ There.IsFile: true } one] && !one.There.SameAs(one.Synced, options.MtimeTolerance.Ticks))
        {
            await AlignMovedTimeAsync(store, target, one.Synced, ct);
        }
        return ActionEffect.Moved;
    }

    /// <summary>
    /// Gives a file checksum mode matched by content the time it has on the side it moved on, which the
    /// base records, so the next run need not read it again. The move itself is done: a time that cannot be
    /// set leaves the two copies differing in time only, which the next run reads and aligns.
    /// </summary>
    private static async Task AlignMovedTimeAsync(IFileStore store, string path, EntryState synced, CancellationToken ct)
    {
        try
        {
            await store.SetModifiedAsync(path, new DateTime(synced.ModifiedTicks, DateTimeKind.Utc), ct);
        }
        catch (Exception e) when (ErrorClassifier.ConcernsOneItem(e))
        {
            // left for the next run, as above
        }
    }

    /// <summary>
    /// Whether two files of the same size and time also begin with the same bytes (up to
    /// <see cref="MoveSample"/>): size and time are how a rename is recognised, but files written with a
    /// set time (an archive unpacked, a copy that keeps times) can share them by chance, and renaming one
    /// for the other would put the wrong content under the name for good. A whole directory whose
    /// names, sizes and times all moved together is not read: a chance match of all of them is no risk worth
    /// reading every file for.
    /// </summary>
    private static async Task<bool> SameStartAsync(IFileStore one, string onePath, IFileStore other, string otherPath, CancellationToken ct)
    {
        var first = new byte[MoveSample];
        var second = new byte[MoveSample];
        await using var a = await one.OpenReadAsync(onePath, ct);
        await using var b = await other.OpenReadAsync(otherPath, ct);
        var (readA, readB) = (await a.ReadAtLeastAsync(first, MoveSample, throwOnEndOfStream: false, ct), await b.ReadAtLeastAsync(second, MoveSample, throwOnEndOfStream: false, ct));
        return first.AsSpan(0, readA).SequenceEqual(second.AsSpan(0, readB));
    }

    private async Task EnsureUnchangedAsync(IFileStore store, string side, string path, EntryState expected, CancellationToken ct)
    {
        if (!Matches(await store.StatAsync(path, ct), expected))
        {
            throw new ChangedSinceScanException(path, side);
        }
    }

    private DateTime Now => options.Clock.GetUtcNow().UtcDateTime;

    private bool Matches(StoreEntry? entry, EntryState expected) => entry is not null && entry.Matches(expected, options.MtimeTolerance.Ticks);
}
