using System.Security.Cryptography;
using System.Text;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Sync.Runs;

/// <summary>
/// Keeps two runs out of one local directory, whatever started them (two jobs of a node, two one-shot
/// syncs with different data directories, a sync and a node): a lock file in a per-user directory, named
/// by a hash of the directory's real path (<see cref="RealPath"/>: symbolic links resolved, so two
/// spellings of one directory share it), held open exclusively (an advisory <c>flock</c> on Unix) for
/// the run. The operating system releases it when the process dies, however it dies: a crashed run never
/// blocks the next one. The holder describes itself in a file beside the lock, read by a run it refuses.
/// </summary>
public sealed class LocalPathLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string? _ownerFile;

    private LocalPathLock(FileStream lockFile, string? ownerFile)
    {
        _lock = lockFile;
        _ownerFile = ownerFile;
    }

    /// <summary>Where the lock files are: under the user's local data directory (smbsync/locks); runs leave it out of any tree that holds it.</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "smbsync", "locks");

    /// <summary>
    /// Takes the lock of <paramref name="directory"/> (which need not exist yet) in <paramref name="lockDirectory"/>,
    /// describing the holder as <paramref name="owner"/>; throws <see cref="PlaceBusyException"/> when another run holds it.
    /// </summary>
    public static LocalPathLock Acquire(string directory, string owner, string lockDirectory)
    {
        var canonical = RealPath.Of(directory);
        CreatePrivateDirectory(lockDirectory);
        var key = OperatingSystem.IsLinux() ? canonical : canonical.ToUpperInvariant();
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        return AcquireFile(Path.Combine(lockDirectory, name + ".lock"), owner, holder => new PlaceBusyException($"local directory '{canonical}'", holder));
    }

    /// <summary>
    /// Takes the lock file <paramref name="lockPath"/> (created if missing), describing the holder as
    /// <paramref name="owner"/> in a file beside it (<c>.owner</c> appended); when another process holds
    /// it, throws what <paramref name="busy"/> makes of that process's description.
    /// </summary>
    public static LocalPathLock AcquireFile(string lockPath, string owner, Func<string, Exception> busy) =>
        Hold(lockPath, owner, busy, shared: false);

    /// <summary>
    /// Takes <paramref name="lockPath"/> as <see cref="AcquireFile"/> does, but shared: any number of
    /// shared holders at once, none while an exclusive holder has it (a shared <c>flock</c> on Unix).
    /// </summary>
    public static LocalPathLock ShareFile(string lockPath, string owner, Func<string, Exception> busy) =>
        Hold(lockPath, owner, busy, shared: true);

    private static LocalPathLock Hold(string lockPath, string owner, Func<string, Exception> busy, bool shared)
    {
        ArgumentNullException.ThrowIfNull(busy);
        var ownerPath = lockPath + ".owner";
        FileStream held;
        try
        {
            // .NET takes LOCK_EX for FileShare.None and LOCK_SH for a read-only open that shares.
            held = new FileStream(lockPath, shared
                ? OwnerOnly(FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite)
                : OwnerOnly(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw busy(ReadOwner(ownerPath));
        }
        try
        {
            using (var description = new FileStream(ownerPath, OwnerOnly(FileMode.Create, FileAccess.Write, FileShare.ReadWrite)))
            {
                description.Write(Encoding.UTF8.GetBytes(owner));
            }
            // A shared holder leaves its description to the others still holding: any of them is a fair answer.
            return new LocalPathLock(held, shared ? null : ownerPath);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Open options that create a file readable by its owner only (on Unix).</summary>
    private static FileStreamOptions OwnerOnly(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return options;
    }

    private static string ReadOwner(string ownerPath)
    {
        try
        {
            using var file = File.OpenRead(ownerPath);
            var buffer = new byte[1024];
            return RunClaims.Holder(buffer.AsSpan(0, file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return RunClaims.Holder([]);
        }
    }

    /// <summary>Creates the lock directory readable by its owner only: the holders' descriptions name jobs and paths.</summary>
    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (_ownerFile is not null)
            {
                File.Delete(_ownerFile);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a stale description is only read while someone holds the lock, which rewrites it
        }
        _lock.Dispose();
    }
}
