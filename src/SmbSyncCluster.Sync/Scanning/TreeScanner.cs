using System.Threading.Channels;
using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Stores;
using SmbSyncCluster.Sync.Versions;

namespace SmbSyncCluster.Sync.Scanning;

/// <summary>
/// Walks a store's tree with a bounded number of directory listings in flight (on SMB they share one
/// pipelined connection). An unreadable directory is reported and its subtree marked unknown, so that
/// nothing under it is taken for deleted; run-fatal errors (authentication, missing share) stop the scan.
/// </summary>
public sealed class TreeScanner(IFileStore store, PathFilter filter, int parallelism = 8)
{
    /// <summary>Scans the whole tree.</summary>
    public Task<ScanResult> ScanAsync(CancellationToken ct) => ScanAsync(null, ct);

    /// <summary>
    /// Scans the whole tree, or only what <paramref name="scope"/> lists: each of its directories' entries,
    /// and everything under those it lists deep. A directory of the scope is listed when its parent's
    /// listing finds it (one that is gone is not listed: its content is gone too), or at once when its
    /// parent is not in the scope.
    /// </summary>
    public async Task<ScanResult> ScanAsync(ScanScope? scope, CancellationToken ct)
    {
        var tree = new TreeSnapshot();
        var issues = new List<ScanIssue>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        var temps = new List<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var queue = Channel.CreateUnbounded<(string Directory, bool Deep)>();
        (string, bool)[] first = scope is null ? [("", true)]
            : [.. scope.Units.Where(u => u.Directory.Length == 0 || !scope.Lists(RelativePath.Parent(u.Directory).ToString(), out _))];
        var pending = first.Length;
        if (pending == 0)
        {
            return new ScanResult(tree, issues, unreadable);
        }
        foreach (var unit in first)
        {
            queue.Writer.TryWrite(unit);
        }

        async Task WorkAsync()
        {
            await foreach (var (directory, deep) in queue.Reader.ReadAllAsync(stop.Token))
            {
                try
                {
                    foreach (var sub in await ListAsync(directory))
                    {
                        var listed = false;
                        if (!deep && scope?.Lists(sub, out listed) != true)
                        {
                            continue;
                        }
                        Interlocked.Increment(ref pending);
                        queue.Writer.TryWrite((sub, deep || listed));
                    }
                }
                catch
                {
                    await stop.CancelAsync(); // a run-fatal error: the other workers stop too
                    throw;
                }
                finally
                {
                    if (Interlocked.Decrement(ref pending) == 0)
                    {
                        queue.Writer.TryComplete();
                    }
                }
            }
        }

        async Task<List<string>> ListAsync(string directory)
        {
            IReadOnlyList<StoreEntry> entries;
            try
            {
                entries = await store.ListAsync(directory, stop.Token);
            }
            catch (Exception e) when (ErrorClassifier.ConcernsOneItem(e))
            {
                lock (tree)
                {
                    unreadable.Add(directory);
                    issues.Add(new ScanIssue(directory, $"directory could not be read: {e.Message}", e));
                }
                return [];
            }
            var subdirectories = new List<string>();
            lock (tree)
            {
                foreach (var entry in entries)
                {
                    if (TempNames.IsTemp(entry.Name))
                    {
                        if (entry.Kind == StoreEntryKind.File)
                        {
                            temps.Add(RelativePath.Combine(directory, entry.Name));
                        }
                        continue;
                    }
                    if (entry.Name.Equals(SmbFileStore.LeaseFileName, StringComparison.OrdinalIgnoreCase) || RootMarker.IsMarker(entry.Name))
                    {
                        continue; // a run's claim on its directory, or a job's root marker (this one's, or a nested job's)
                    }
                    if (VersionNames.IsArea(entry.Name))
                    {
                        continue; // what runs deleted or overwrote (this job's, or a nested job's): never synced
                    }
                    var path = RelativePath.Combine(directory, entry.Name);
                    switch (entry.Kind)
                    {
                        case StoreEntryKind.Directory when filter.WalkDirectory(path):
                            tree.Add(path, new EntryState(EntryKind.Directory, 0, entry.ModifiedUtc.Ticks));
                            subdirectories.Add(path);
                            break;
                        case StoreEntryKind.File when filter.KeepFile(path):
                            tree.Add(path, new EntryState(EntryKind.File, entry.Size, entry.ModifiedUtc.Ticks));
                            break;
                        case StoreEntryKind.Other:
                            issues.Add(new ScanIssue(path, entry.Note ?? "symbolic link or special file: not followed"));
                            break;
                    }
                }
            }
            return subdirectories;
        }

        var workers = Enumerable.Range(0, Math.Max(1, parallelism)).Select(_ => Task.Run(WorkAsync, CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(workers);
        }
        catch when (!ct.IsCancellationRequested)
        {
            // Report the error that stopped the scan, not a sibling's cancellation.
            var cause = workers.Where(w => w.IsFaulted).SelectMany(w => w.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }
            throw;
        }
        return new ScanResult(tree, issues, unreadable) { TempFiles = temps };
    }
}
