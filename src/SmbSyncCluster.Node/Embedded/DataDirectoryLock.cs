namespace SmbSyncCluster.Node.Embedded;

/// <summary>
/// One process at a time per directory holding a SQLite journal (a one-shot sync, or a single node on
/// SQLite): two writers of the same job would interleave its events. The lock is the file <c>lock</c>,
/// held open exclusively for the life of the process.
/// </summary>
internal static class DataDirectoryLock
{
    /// <summary>Takes the lock of <paramref name="directory"/> (created if missing); throws <see cref="DataDirectoryBusyException"/> when another process holds it.</summary>
    public static FileStream Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        try
        {
            return new FileStream(Path.Combine(directory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DataDirectoryBusyException(directory);
        }
    }
}

/// <summary>Another smbsync process uses the data directory.</summary>
public sealed class DataDirectoryBusyException(string directory)
    : Exception($"another smbsync process is using the data directory '{directory}' (see --data-dir)");
