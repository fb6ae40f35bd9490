using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using SmbSyncCluster.Sync.Model;
using static SmbSyncCluster.Sync.Stores.LinuxCalls;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// Resolves paths under a local root without ever following a symbolic link, whatever changes on disk
/// between the scan and the I/O: a directory is reached from the root's descriptor one component at a
/// time (openat with O_NOFOLLOW), and the operation then acts on the last name relative to that
/// directory's descriptor (the *at calls), so a directory swapped for a link to /etc is met, not
/// followed. Opening a path by its full string would let the kernel follow such a link.
/// </summary>
internal sealed class BeneathRoot
{
    private const int StackPath = 512;
    private const int NewFileMode = 0x1b6; // 0666, less the umask, as the runtime creates files
    private const int NewDirectoryMode = 0x1ff; // 0777, less the umask
    private readonly string _root;
    private readonly byte[] _rootBytes;

    /// <summary>Walks under <paramref name="root"/>, an absolute path (its own components are the operator's, and followed).</summary>
    public BeneathRoot(string root)
    {
        _root = root;
        _rootBytes = Encoding.UTF8.GetBytes(root + "\0");
    }

    /// <summary>The last component of a relative path, which the *at calls act on.</summary>
    public static string NameOf(string path) => RelativePath.Name(path).ToString();

    /// <summary>The directory that holds <paramref name="path"/>.</summary>
    public SafeFileHandle OpenParent(string path) => OpenDirectory(RelativePath.Parent(path), create: false);

    /// <summary>
    /// Opens the directory at <paramref name="directory"/> ("" is the root) for use as a base of the *at
    /// calls, creating missing components when <paramref name="create"/>. A component that is a symbolic
    /// link throws <see cref="SymbolicLinkRefusedException"/>.
    /// </summary>
    public unsafe SafeFileHandle OpenDirectory(ReadOnlySpan<char> directory, bool create)
    {
        var flags = PathOnly | LinuxCalls.Directory | NoFollow | CloseOnExec;
        int fd;
        fixed (byte* root = _rootBytes)
        {
            fd = OpenAt(AtFdCwd, root, flags & ~NoFollow, 0);
        }
        if (fd < 0)
        {
            throw new DirectoryNotFoundException($"local directory '{_root}' cannot be opened: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        var size = Encoding.UTF8.GetMaxByteCount(directory.Length) + 1;
        var rented = size > StackPath ? ArrayPool<byte>.Shared.Rent(size) : null;
        var bytes = rented is null ? stackalloc byte[StackPath] : rented;
        try
        {
            var length = Encoding.UTF8.GetBytes(directory, bytes);
            bytes[length] = 0;
            fixed (byte* path = bytes)
            {
                for (var start = 0; start < length;)
                {
                    var slash = bytes[start..length].IndexOf((byte)'/');
                    var end = slash < 0 ? length : start + slash;
                    bytes[end] = 0; // each component is then a C string of its own
                    var failed = create && MkdirAt(fd, path + start, NewDirectoryMode) < 0 && Marshal.GetLastPInvokeError() != Eexist;
                    var next = failed ? -1 : OpenAt(fd, path + start, flags, 0);
                    if (next < 0)
                    {
                        var shown = Encoding.UTF8.GetString(bytes[..end]).Replace('\0', '/');
                        var error = ComponentError(fd, path + start, Marshal.GetLastPInvokeError(), shown);
                        Close(fd);
                        throw error;
                    }
                    Close(fd);
                    fd = next;
                    start = end + 1;
                }
            }
            return new SafeFileHandle(fd, ownsHandle: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Why a component did not open as a directory: a link (told apart by lstat) or the plain error.</summary>
    private static unsafe Exception ComponentError(int parent, byte* name, int errno, string shown)
    {
        if (errno is Eloop or Enotdir)
        {
            var status = stackalloc byte[StatxSize];
            if (Statx(parent, name, AtSymlinkNoFollow, StatxBasicStats, status) == 0 && Type(status) == TypeLink)
            {
                return new SymbolicLinkRefusedException(shown);
            }
        }
        return Error(errno, shown, directory: true);
    }

    /// <summary>Opens a regular file for reading; a link, a directory, a FIFO or a device is refused before any read.</summary>
    public SafeFileHandle OpenFileForReading(string path)
    {
        using var parent = OpenParent(path);
        // Non-blocking, or opening a FIFO would wait for a writer; it changes nothing for a regular file.
        var fd = OpenAt(parent, NameOf(path), ReadOnly | NoFollow | NonBlocking | CloseOnExec, 0);
        if (fd < 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), path, directory: false);
        }
        var file = new SafeFileHandle(fd, ownsHandle: true);
        var kind = Stat(file, "", AtEmptyPath, path)?.Type;
        if (kind != TypeFile)
        {
            file.Dispose();
            throw kind == TypeDirectory
                ? new UnauthorizedAccessException($"'{path}' is a directory, not a file")
                : new IOException($"'{path}' is a FIFO, socket or device, which is not read");
        }
        return file;
    }

    /// <summary>Creates a new file (never through a link, never over an existing name) in <paramref name="parent"/>.</summary>
    public static SafeFileHandle CreateFile(SafeFileHandle parent, string name, string shown)
    {
        var fd = OpenAt(parent, name, WriteOnly | Create | Exclusive | NoFollow | CloseOnExec, NewFileMode);
        return fd < 0 ? throw Error(Marshal.GetLastPInvokeError(), shown, directory: false) : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>What is at <paramref name="path"/>, without following a link anywhere; null when nothing is.</summary>
    public Status? Stat(string path)
    {
        if (path.Length == 0)
        {
            using var root = OpenDirectory("", create: false);
            return Stat(root, "", AtEmptyPath, path);
        }
        SafeFileHandle parent;
        try
        {
            parent = OpenParent(path);
        }
        catch (Exception e) when (e is DirectoryNotFoundException || e.HResult == Enotdir)
        {
            return null;
        }
        using (parent)
        {
            return Stat(parent, NameOf(path), AtSymlinkNoFollow, path);
        }
    }

    private static unsafe Status? Stat(SafeFileHandle directory, string name, int flags, string shown)
    {
        var status = stackalloc byte[StatxSize];
        if (Statx(directory, name, flags, StatxBasicStats, status) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is Enoent or Enotdir ? null : throw Error(errno, shown, directory: false);
        }
        var seconds = *(long*)(status + StatxMtimeOffset);
        var nanoseconds = *(uint*)(status + StatxMtimeOffset + sizeof(long));
        var modified = DateTime.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (nanoseconds / TimeSpan.NanosecondsPerTick));
        return new Status(Type(status), *(long*)(status + StatxSizeOffset), modified);
    }

    private static unsafe int Type(byte* status) => *(ushort*)(status + StatxModeOffset) & TypeMask;

    /// <summary>Renames within the tree; with <paramref name="noReplace"/>, fails (EEXIST) when the target exists, atomically.</summary>
    public static void Rename(SafeFileHandle fromDirectory, string from, SafeFileHandle toDirectory, string to, bool noReplace, string shown)
    {
        if (RenameAt2(fromDirectory, from, toDirectory, to, noReplace ? RenameNoReplace : 0) == 0)
        {
            return;
        }
        var errno = Marshal.GetLastPInvokeError();
        if (noReplace && errno is Einval or Enosys)
        {
            // A file system without RENAME_NOREPLACE: check, then rename (what the runtime's File.Move does).
            if (Stat(toDirectory, to, AtSymlinkNoFollow, shown) is not null)
            {
                throw new IOException($"'{shown}' already exists", Eexist);
            }
            if (RenameAt(fromDirectory, from, toDirectory, to) == 0)
            {
                return;
            }
            errno = Marshal.GetLastPInvokeError();
        }
        throw Error(errno, shown, directory: false);
    }

    /// <summary>Removes a name in <paramref name="parent"/> (an empty directory with <paramref name="directory"/>); a link is removed, not followed.</summary>
    public static void Remove(SafeFileHandle parent, string name, bool directory, string shown)
    {
        if (UnlinkAt(parent, name, directory ? AtRemoveDir : 0) < 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), shown, directory);
        }
    }

    /// <summary>Sets the modification time of a name in <paramref name="parent"/> (of a link itself, never of its target).</summary>
    public static unsafe void SetModified(SafeFileHandle parent, string name, DateTime modifiedUtc, string shown)
    {
        var times = stackalloc long[4];
        Times(times, modifiedUtc);
        if (UtimensAt(parent, name, times, AtSymlinkNoFollow) < 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), shown, directory: false);
        }
    }

    /// <summary>Sets the modification time of an open file.</summary>
    public static unsafe void SetModified(SafeFileHandle file, DateTime modifiedUtc, string shown)
    {
        var times = stackalloc long[4];
        Times(times, modifiedUtc);
        if (Futimens(file, times) < 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), shown, directory: false);
        }
    }

    /// <summary>Two timespecs: the access time left alone, the modification time set.</summary>
    private static unsafe void Times(long* times, DateTime modifiedUtc)
    {
        var ticks = modifiedUtc.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }
        times[0] = 0;
        times[1] = TimeOmit;
        times[2] = seconds;
        times[3] = rest * TimeSpan.NanosecondsPerTick;
    }

    /// <summary>The exception the runtime would throw for <paramref name="errno"/>, so that the error classes stay as they were.</summary>
    public static Exception Error(int errno, string path, bool directory) => errno switch
    {
        Eloop => new SymbolicLinkRefusedException(path),
        Enoent when directory => new DirectoryNotFoundException($"'{path}' does not exist"),
        Enoent => new FileNotFoundException($"'{path}' does not exist", path),
        Eacces or Eperm => new UnauthorizedAccessException($"'{path}': {Marshal.GetPInvokeErrorMessage(errno)}"),
        Enametoolong => new PathTooLongException($"'{path}': {Marshal.GetPInvokeErrorMessage(errno)}"),
        _ => new IOException($"'{path}': {Marshal.GetPInvokeErrorMessage(errno)}", errno),
    };

    /// <summary>What lstat tells of an entry: its type bits, size and modification time.</summary>
    internal readonly record struct Status(int Type, long Size, DateTime ModifiedUtc);
}
