using System.Runtime.CompilerServices;
using System.Threading.Channels;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Watching;

/// <summary>
/// Follows changes under a local directory with <see cref="FileSystemWatcher"/> (inotify on Linux, one
/// watch per directory, added for new directories as they appear). An overflowing event queue or a
/// watch the kernel refuses (its <c>max_user_watches</c> reached) is reported as lost changes, with the
/// reason: the caller rescans rather than miss anything.
/// </summary>
public static class LocalTreeWatcher
{
    /// <summary>The batches of changes under <paramref name="root"/> until <paramref name="ct"/> is cancelled.</summary>
    public static async IAsyncEnumerable<WatchBatch> WatchAsync(string root, [EnumeratorCancellation] CancellationToken ct)
    {
        var full = Path.GetFullPath(root);
        var batches = Channel.CreateUnbounded<WatchBatch>(new UnboundedChannelOptions { SingleReader = true });
        using var watcher = new FileSystemWatcher(full)
        {
            IncludeSubdirectories = true,
            InternalBufferSize = 64 * 1024,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        void Post(params WatchEvent[] events) => batches.Writer.TryWrite(new WatchBatch(events, Lost: false));
        WatchEvent Event(string path, bool contentMayDiffer) => new(Relative(full, path), contentMayDiffer);
        watcher.Created += (_, e) => Post(Event(e.FullPath, true));
        watcher.Deleted += (_, e) => Post(Event(e.FullPath, true));
        watcher.Changed += (_, e) => Post(Event(e.FullPath, false));
        watcher.Renamed += (_, e) => Post(Event(e.OldFullPath, true), Event(e.FullPath, true));
        watcher.Error += (_, e) => batches.Writer.TryWrite(new WatchBatch([], Lost: true, Problem(e.GetException())));
        watcher.EnableRaisingEvents = true;
        yield return WatchBatch.Started;
        await foreach (var batch in batches.Reader.ReadAllAsync(ct))
        {
            yield return batch;
        }
    }

    private static string Problem(Exception e) => e is InternalBufferOverflowException
        ? "the local watcher's queue overflowed; rescanning"
        : $"the local watcher failed ({e.Message}); rescanning, and changes may arrive late until it works again (on Linux, see fs.inotify.max_user_watches)";

    /// <summary>The path relative to the root; the root itself is "".</summary>
    private static string Relative(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
        // Anything not plainly under the root means the whole tree is looked at again.
        return relative != "." && RelativePath.IsValid(relative) ? relative : "";
    }
}
