using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Scanning;

/// <summary>
/// The optional checksum mode. Before detection, every path that is a file of the same size on both
/// sides but with times further apart than the tolerance, and that the base does not already hold in
/// exactly that pair of states, is read on both sides and hashed (SHA-256). Identical content is the
/// same version: the scanned time of the side that may be written is replaced by the other side's, so
/// detection sees no change, and a <see cref="MtimeFix"/> says which file's time to align so that the
/// next run need not hash it again. Different content is left for detection (a modification or a conflict).
/// </summary>
public static class ContentMatcher
{
    /// <summary>Hashes candidates with <paramref name="parallelism"/> files in flight; returns the time fixes to apply.</summary>
    /// <param name="baseState">The last synced state.</param>
    /// <param name="local">The local scan; may be updated.</param>
    /// <param name="remote">The remote scan; may be updated.</param>
    /// <param name="stores">The local and remote stores.</param>
    /// <param name="writable">The side whose times may be changed: the remote, or the local side in download mode.</param>
    /// <param name="tolerance">The time tolerance of detection.</param>
    /// <param name="parallelism">Files hashed at once.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IReadOnlyList<MtimeFix>> MatchAsync(
        TreeSnapshot baseState, TreeSnapshot local, TreeSnapshot remote, (IFileStore Local, IFileStore Remote) stores,
        SyncSide writable, TimeSpan tolerance, int parallelism, CancellationToken ct)
    {
        var candidates = new List<(string Path, EntryState Local, EntryState Remote)>();
        foreach (var (path, l) in local)
        {
            if (l.IsFile && remote.TryGet(path, out var r) && r.IsFile && r.Size == l.Size && !l.SameAs(r, tolerance.Ticks)
                && !(baseState.TryGet(path, out var b) && b.SameAs(l, tolerance.Ticks) && b.SameAs(r, tolerance.Ticks)))
            {
                candidates.Add((path, l, r));
            }
        }
        var fixes = new List<MtimeFix>();
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (c, token) =>
            {
                // Unreadable now (gone, locked): detection and the copy deal with it.
                var hashes = await Task.WhenAll(ContentHashes.TryHashAsync(stores.Local, c.Path, c.Local.Size, token), ContentHashes.TryHashAsync(stores.Remote, c.Path, c.Remote.Size, token));
                if (hashes[0] is null || hashes[0] != hashes[1])
                {
                    return;
                }
                lock (fixes)
                {
                    var (kept, changed, snapshot) = writable == SyncSide.Remote ? (c.Local, c.Remote, remote) : (c.Remote, c.Local, local);
                    snapshot.Set(c.Path, changed with { ModifiedTicks = kept.ModifiedTicks });
                    fixes.Add(new MtimeFix(c.Path, writable, kept.ModifiedTicks, c.Local, c.Remote));
                }
            });
        return fixes;
    }

    /// <summary>
    /// Aligns the times <see cref="MatchAsync"/> asked for; run only when the plan is executed, never in a
    /// dry run. Each file is first checked on both sides against the versions that were read: one edited
    /// since (the same size, say) keeps its time, or setting it would make the edit look like the version
    /// already synced, and the next run would never see it. A file whose time cannot be set is left as it
    /// is: the next run reads it again.
    /// </summary>
    public static async Task ApplyAsync(IReadOnlyList<MtimeFix> fixes, (IFileStore Local, IFileStore Remote) stores, CancellationToken ct)
    {
        foreach (var fix in fixes)
        {
            var store = fix.Side == SyncSide.Local ? stores.Local : stores.Remote;
            try
            {
                var (local, remote) = (await stores.Local.StatAsync(fix.Path, ct), await stores.Remote.StatAsync(fix.Path, ct));
                if (local is null || !local.Matches(fix.Local, 0) || remote is null || !remote.Matches(fix.Remote, 0))
                {
                    continue; // changed since it was read: the next run sees the change
                }
                await store.SetModifiedAsync(fix.Path, new DateTime(fix.ModifiedTicks, DateTimeKind.Utc), ct);
            }
            catch (Exception e) when (ErrorClassifier.ConcernsOneItem(e))
            {
                // left for the next run
            }
        }
    }
}
