using System.Security.Cryptography;
using System.Text;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Node.Embedded;

/// <summary>
/// Who may use a directory holding a SQLite journal. A node holds the file <c>lock</c> exclusively:
/// it starts and stops any job, so nothing else may write the journal. One-shot syncs hold it shared,
/// so independent syncs run side by side (SQLite serialises their writes), and each also holds its
/// job's own lock under <c>jobs/</c>: two writers of one job would interleave its events. Every lock
/// is released by the system however its process ends; a <c>.owner</c> file beside it names a holder
/// for the process it refuses.
/// </summary>
internal static class DataDirectoryLock
{
    // Long enough for a run of the same job that is just ending (its snapshot written) to let go;
    // a run in full flow is refused at once rather than waited for.
    private static readonly TimeSpan JobWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan JobPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Takes the lock of <paramref name="directory"/> for a node, alone; throws <see cref="DataDirectoryBusyException"/> when another process uses it.</summary>
    public static LocalPathLock Acquire(string directory) =>
        LocalPathLock.AcquireFile(Prepare(directory), RunClaims.Process(DateTimeOffset.UtcNow), holder => new DataDirectoryBusyException(directory, holder));

    /// <summary>Takes the lock of <paramref name="directory"/> for a one-shot sync, beside other syncs; throws <see cref="DataDirectoryBusyException"/> when a node holds it.</summary>
    public static LocalPathLock Share(string directory) =>
        LocalPathLock.ShareFile(Prepare(directory), RunClaims.Process(DateTimeOffset.UtcNow), holder => new DataDirectoryBusyException(directory, holder));

    /// <summary>
    /// Takes job <paramref name="jobId"/>'s lock in <paramref name="directory"/> (whose shared lock the
    /// caller holds), waiting briefly for a holder that is ending; throws <see cref="PlaceBusyException"/>
    /// naming <paramref name="describedAs"/> and the holder when another process keeps it, also when
    /// <paramref name="ct"/> (the user's Ctrl-C) ends the wait early.
    /// </summary>
    public static async Task<LocalPathLock> AcquireJobAsync(string directory, string jobId, string describedAs, CancellationToken ct)
    {
        var jobs = Path.Combine(directory, "jobs");
        PrivateFiles.PrepareDirectory(jobs, ours: true);
        // Job ids may hold any character a spec allows; the file name must not.
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jobId)))[..32];
        var lockFile = Path.Combine(jobs, name + ".lock");
        var owner = $"job {jobId}, {RunClaims.Process(DateTimeOffset.UtcNow)}";
        var deadline = DateTime.UtcNow + JobWait;
        while (true)
        {
            try
            {
                return LocalPathLock.AcquireFile(lockFile, owner, holder => new PlaceBusyException(describedAs, holder));
            }
            catch (PlaceBusyException) when (DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
            {
                await Task.Delay(JobPoll, CancellationToken.None);
            }
        }
    }

    private static string Prepare(string directory)
    {
        PrivateFiles.PrepareDirectory(directory, ours: false);
        var lockFile = Path.Combine(directory, "lock");
        PrivateFiles.PrepareFile(lockFile);
        return lockFile;
    }
}

/// <summary>Another smbsync process uses the data directory.</summary>
public sealed class DataDirectoryBusyException(string directory, string holder)
    : Exception($"another smbsync process is using the data directory '{directory}' ({holder}; see --data-dir)");
