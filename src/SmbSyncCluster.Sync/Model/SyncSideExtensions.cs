namespace SmbSyncCluster.Sync.Model;

/// <summary>Helpers that let side-symmetric logic be written once.</summary>
internal static class SyncSideExtensions
{
    public static SyncSide Other(this SyncSide side) => side == SyncSide.Local ? SyncSide.Remote : SyncSide.Local;

    public static string Describe(this SyncSide side) => side == SyncSide.Local ? "local" : "remote";
}
