using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>Which sides a mode writes and which one it treats as the source.</summary>
internal static class ModeSides
{
    public static bool Writes(this SyncMode mode, SyncSide side) => mode switch
    {
        SyncMode.Upload => side == SyncSide.Remote,
        SyncMode.Download => side == SyncSide.Local,
        _ => true,
    };

    /// <summary>The side whose version a one-way mode pushes; null for mirror.</summary>
    public static SyncSide? Source(this SyncMode mode) => mode switch
    {
        SyncMode.Upload => SyncSide.Local,
        SyncMode.Download => SyncSide.Remote,
        _ => null,
    };
}
