namespace SmbSyncCluster.Node.Embedded;

/// <summary>
/// The data directory and the files in it are its owner's alone: the journal holds every job's spec and
/// every synced path, the log the paths and errors of each run. On Unix the directory is created 0700 and
/// the files 0600, whatever the umask; smbsync's own files found looser are tightened. A directory the
/// user named that already exists is the user's: it is not changed, but a warning says who else can read it.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates <paramref name="directory"/> (and missing parents) for its owner only; when it exists and
    /// others may use it, tightens it if it is smbsync's own (<paramref name="ours"/>), else returns a warning.
    /// </summary>
    public static string? PrepareDirectory(string directory, bool ours)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return null;
        }
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            return null;
        }
        var mode = File.GetUnixFileMode(directory);
        if ((mode & Others) == 0)
        {
            return null;
        }
        if (ours)
        {
            File.SetUnixFileMode(directory, mode & ~Others);
            return null;
        }
        return $"the data directory '{directory}' may be read by other users (mode {Octal(mode)}): its journal and log name every synced path; 'chmod 700' it";
    }

    /// <summary>Creates <paramref name="file"/> empty for its owner only, or tightens it when it exists (with the SQLite files beside a journal).</summary>
    public static void PrepareFile(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        if (!File.Exists(file))
        {
            using var _ = new FileStream(file, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
        }
        foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" }.Where(File.Exists))
        {
            Tighten(path);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Tighten(string path)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & Others) != 0)
        {
            File.SetUnixFileMode(path, mode & ~Others);
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
