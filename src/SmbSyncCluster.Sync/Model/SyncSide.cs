namespace SmbSyncCluster.Sync.Model;

/// <summary>One of the two replicas of a job.</summary>
public enum SyncSide
{
    /// <summary>The local directory.</summary>
    Local,

    /// <summary>The remote share (or second local path).</summary>
    Remote,
}
