using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Runs;

/// <summary>
/// The file a job leaves in its local root (as rclone bisync's check-access file): it tells the directory the job synced
/// from an empty one put in its place (a new volume, a claim deleted and made again, an unmounted share's mount point).
/// A root that exists, holds nothing, lacks the marker and held synced paths stops the run: a mirror would otherwise take
/// every file as deleted and delete it on the other side. Scans never see the marker, so it is never synced.
/// </summary>
public static class RootMarker
{
    /// <summary>The marker's name, in the root itself.</summary>
    public const string FileName = ".smbsync-root";

    private static readonly byte[] Text = "This directory is synced by smbsync: keep this file. A synced directory found empty without it stops its jobs.\n"u8.ToArray();

    /// <summary>True for the marker's name (at any depth: a nested job's root lies inside another job's tree).</summary>
    public static bool IsMarker(string name) => name.Equals(FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Refuses <paramref name="root"/> (an existing local directory) when it is empty and unmarked although the job's last
    /// syncs recorded paths (<see cref="RootReplacedException"/>).
    /// </summary>
    public static void Check(string root, RootPolicy roots)
    {
        if (roots.SyncedPaths > 0 && !IsMarked(root) && IsEmpty(root))
        {
            throw new RootReplacedException(root, roots.SyncedPaths);
        }
    }

    /// <summary>
    /// Leaves the marker in <paramref name="root"/> unless one is there (a run that writes, once its stores are open). A
    /// root the run only reads (an upload's source, perhaps mounted read-only) may refuse it: then the run goes on, and the
    /// note returned says that this root goes unmarked.
    /// </summary>
    public static string? Mark(string root, bool runWritesRoot)
    {
        if (IsMarked(root))
        {
            return null;
        }
        try
        {
            // CreateNew: O_EXCL, which creates nothing through a link that appeared since the look above.
            using var file = new FileStream(Path.Combine(root, FileName), FileMode.CreateNew, FileAccess.Write);
            file.Write(Text);
            return null;
        }
        catch (Exception e) when (!runWritesRoot && e is IOException or UnauthorizedAccessException)
        {
            return $"could not leave {FileName} in {root} ({e.Message}): an empty directory put in its place would stop the job until the marker is created there";
        }
    }

    /// <summary>A link of the marker's name counts as present, so that it is never written through.</summary>
    private static bool IsMarked(string root)
    {
        var marker = Path.Combine(root, FileName);
        return Path.Exists(marker) || new FileInfo(marker).LinkTarget is not null;
    }

    /// <summary>Nothing but what runs leave (temporary files, a run's claim): no user's file or directory.</summary>
    private static bool IsEmpty(string root) =>
        !Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).Any(name => !TempNames.IsTemp(name!) && !name!.Equals(SmbFileStore.LeaseFileName, StringComparison.OrdinalIgnoreCase));
}
