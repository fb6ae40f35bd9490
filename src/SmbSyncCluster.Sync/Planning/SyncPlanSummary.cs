namespace SmbSyncCluster.Sync.Planning;

/// <summary>What a plan would do, counted in files as the run summary reports them.</summary>
/// <param name="Uploads">Files copied to the remote, conflict copies included.</param>
/// <param name="Downloads">Files copied to the local side, conflict copies included.</param>
/// <param name="DeletesLocal">Files deleted locally.</param>
/// <param name="DeletesRemote">Files deleted on the remote.</param>
/// <param name="Conflicts">Conflicts detected, however they were resolved.</param>
/// <param name="Skipped">Paths left alone for any reason but an unrepresentable name (skipped conflicts included).</param>
/// <param name="Unrepresentable">Paths left alone because the other side cannot hold their name.</param>
/// <param name="UploadBytes">Bytes the uploads carry.</param>
/// <param name="DownloadBytes">Bytes the downloads carry.</param>
public sealed record SyncPlanSummary(
    int Uploads,
    int Downloads,
    int DeletesLocal,
    int DeletesRemote,
    int Conflicts,
    int Skipped,
    int Unrepresentable,
    long UploadBytes,
    long DownloadBytes)
{
    /// <summary>Files moved by renaming on the other side (a directory's files each), instead of copied and deleted.</summary>
    public int Moved { get; init; }
}
