using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// The *at system calls of Linux's C library that <see cref="BeneathRoot"/> resolves local paths with,
/// and the flag values they take. The open flags differ between architectures (arm's O_DIRECTORY is
/// x86's O_DIRECT), hence the lookup by <see cref="RuntimeInformation.ProcessArchitecture"/>.
/// </summary>
internal static unsafe partial class LinuxCalls
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtRemoveDir = 0x200;
    public const int AtEmptyPath = 0x1000;
    public const int RenameNoReplace = 1;
    public const int ReadOnly = 0;
    public const int WriteOnly = 1;
    public const int Create = 0x40;
    public const int Exclusive = 0x80;
    public const int NonBlocking = 0x800;
    public const int CloseOnExec = 0x80000;
    public const int PathOnly = 0x200000;
    public const int StatxBasicStats = 0x7ff;
    public const int StatxSize = 256;
    public const int StatxModeOffset = 28;
    public const int StatxSizeOffset = 40;
    public const int StatxMtimeOffset = 112;
    public const int TypeMask = 0xF000;
    public const int TypeLink = 0xA000;
    public const int TypeFile = 0x8000;
    public const int TypeDirectory = 0x4000;
    public const long TimeOmit = (1L << 30) - 2;

    public const int Eperm = 1;
    public const int Enoent = 2;
    public const int Eacces = 13;
    public const int Eexist = 17;
    public const int Enotdir = 20;
    public const int Einval = 22;
    public const int Enametoolong = 36;
    public const int Enosys = 38;
    public const int Eloop = 40;

    /// <summary>Whether this process can use the calls: Linux on x86 or arm.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture
        is Architecture.X64 or Architecture.X86 or Architecture.Arm64 or Architecture.Arm;

    private static bool IsArm => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    public static int Directory => IsArm ? 0x4000 : 0x10000;

    public static int NoFollow => IsArm ? 0x8000 : 0x20000;

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int dirfd, byte* path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(SafeFileHandle dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true)]
    public static partial int MkdirAt(int dirfd, byte* path, int mode);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    public static partial int UnlinkAt(SafeFileHandle dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    public static partial int RenameAt2(SafeFileHandle fromDir, [MarshalAs(UnmanagedType.LPUTF8Str)] string from,
        SafeFileHandle toDir, [MarshalAs(UnmanagedType.LPUTF8Str)] string to, int flags);

    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true)]
    public static partial int RenameAt(SafeFileHandle fromDir, [MarshalAs(UnmanagedType.LPUTF8Str)] string from,
        SafeFileHandle toDir, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true)]
    public static partial int UtimensAt(SafeFileHandle dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, long* times, int flags);

    [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
    public static partial int Futimens(SafeFileHandle fd, long* times);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    public static partial int Statx(int dirfd, byte* path, int flags, int mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    public static partial int Statx(SafeFileHandle dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mask, byte* buffer);
}
