using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Node.Embedded;

/// <summary>
/// One process at a time per directory holding a SQLite journal (a one-shot sync, or a single node on
/// SQLite): two writers of the same job would interleave its events. The lock is the file <c>lock</c>,
/// held open exclusively for the life of the process (released by the system however the process
/// ends); <c>lock.owner</c> beside it names the holder for the process it refuses.
/// </summary>
internal static class DataDirectoryLock
{
    /// <summary>Takes the lock of <paramref name="directory"/> (created for its owner only if missing); throws <see cref="DataDirectoryBusyException"/> when another process holds it.</summary>
    public static LocalPathLock Acquire(string directory)
    {
        PrivateFiles.PrepareDirectory(directory, ours: false);
        var lockFile = Path.Combine(directory, "lock");
        PrivateFiles.PrepareFile(lockFile);
        return LocalPathLock.AcquireFile(lockFile, RunClaims.Process(DateTimeOffset.UtcNow),
            holder => new DataDirectoryBusyException(directory, holder));
    }
}

/// <summary>Another smbsync process uses the data directory.</summary>
public sealed class DataDirectoryBusyException(string directory, string holder)
    : Exception($"another smbsync process is using the data directory '{directory}' ({holder}; see --data-dir)");
