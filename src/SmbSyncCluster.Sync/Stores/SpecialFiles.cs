using System.Runtime.InteropServices;
using System.Text;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// Tells FIFOs, sockets and devices from regular files, which <see cref="FileSystemInfo"/> cannot: to
/// it they all look like empty regular files, and opening a FIFO for reading blocks until some other
/// process writes to it, which would hang a run for good.
/// </summary>
internal static class SpecialFiles
{
    // The file type bits of FileStatus.Mode, as the runtime's native layer defines them on every Unix.
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int BlockDevice = 0x6000;
    private const int Socket = 0xC000;
    private const int ModeOffset = 4;
    private const int StatusSize = 256;

    /// <summary>Whether <paramref name="path"/> is a FIFO, socket or device; false when it cannot tell (gone, no access).</summary>
    public static bool IsSpecial(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        var status = new byte[StatusSize];
        try
        {
            return LStat(bytes, status) == 0 && (BitConverter.ToInt32(status, ModeOffset) & TypeMask) is Fifo or CharacterDevice or BlockDevice or Socket;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false; // a runtime without the export: such files then fail when read, as before
        }
    }

    /// <summary>
    /// The runtime's own lstat(2) wrapper (what <see cref="FileSystemInfo"/> calls): its FileStatus has the
    /// same layout on every Unix and architecture, unlike libc's struct stat, with the mode as the second
    /// 32-bit field. The buffer leaves room for all the fields the runtime writes after it.
    /// </summary>
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
    private static extern int LStat(byte[] path, [Out] byte[] status);
}
