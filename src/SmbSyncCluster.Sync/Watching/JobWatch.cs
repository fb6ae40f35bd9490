using System.Runtime.CompilerServices;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Watching;

/// <summary>
/// Follows one side of a job: its local directory (<see cref="LocalTreeWatcher"/>), or its share through
/// one connection that keeps a CHANGE_NOTIFY outstanding on the job's directory. Ends with the error
/// that stopped it (a lost connection, a root that went): what changed since is unknown, so whoever
/// watches again rescans first.
/// </summary>
public static class JobWatch
{
    /// <summary>The batches of changes on <paramref name="side"/> of <paramref name="spec"/> until <paramref name="ct"/> is cancelled.</summary>
    public static IAsyncEnumerable<WatchBatch> WatchAsync(JobSpec spec, SyncSide side, PasswordLookup passwords, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var path = side == SyncSide.Local ? spec.LocalPath : spec.Remote;
        return side == SyncSide.Remote && SmbUrl.IsSmbUrl(path)
            ? WatchShareAsync(spec, SmbUrl.Parse(path), passwords, ct)
            : LocalTreeWatcher.WatchAsync(path, ct);
    }

    private static async IAsyncEnumerable<WatchBatch> WatchShareAsync(JobSpec spec, SmbUrl url, PasswordLookup passwords, [EnumeratorCancellation] CancellationToken ct)
    {
        var encoded = spec.EncodeNames ?? JobDefaults.EncodeNames;
        await using var client = await SmbShareClient.ConnectAsync(JobStores.ClientOptions(spec, url, passwords), url.Share, ct);
        // The notification is asked for as soon as this is taken, well before the rescan it starts (after the debounce).
        yield return WatchBatch.Started;
        await foreach (var batch in client.WatchAsync(url.Path, ct))
        {
            yield return batch.Overflowed
                ? new WatchBatch([], Lost: true, "the file server dropped change notifications; rescanning")
                : new WatchBatch([.. batch.Changes.Select(c => Decoded(c, encoded))], Lost: false);
        }
    }

    /// <summary>
    /// The change under the names a scan sees: the share's stored forms decoded (<see cref="SmbNameEncoding"/>). A
    /// component no name is stored as stands for nothing a scan keeps: its directory is looked at instead.
    /// </summary>
    private static WatchEvent Decoded(SmbChange change, bool encoded)
    {
        var contentMayDiffer = change.Kind != SmbChangeKind.Modified;
        if (!encoded)
        {
            return new WatchEvent(change.Path, contentMayDiffer);
        }
        var path = "";
        foreach (var stored in change.Path.Split('/'))
        {
            if (SmbNameEncoding.Decode(stored) is not { } name)
            {
                return new WatchEvent(path, ContentMayDiffer: false);
            }
            path = RelativePath.Combine(path, name);
        }
        return new WatchEvent(path, contentMayDiffer);
    }
}
