namespace SmbSyncCluster.Sync.Model;

/// <summary>What a tracked path is on one side.</summary>
public enum EntryKind
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,
}
