using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Sync.Runs;

/// <summary>
/// Whether a run may create a side's root directory that does not exist: only a side its mode writes,
/// only before the job's first sync and never in a dry run. A root that held synced files and is gone is
/// more likely an unmounted share or a moved directory than one to fill again, and a mirror that filled
/// it would then also see every file on the other side as new.
/// </summary>
/// <param name="Mode">The job's mode.</param>
/// <param name="SyncedPaths">Paths the job's last syncs recorded (0 before its first sync).</param>
/// <param name="DryRun">The run only plans.</param>
public readonly record struct RootPolicy(SyncMode Mode, int SyncedPaths, bool DryRun)
{
    /// <summary>True when the run may write to <paramref name="side"/>: its mode writes there and it is not a dry run.</summary>
    public bool Writes(SyncSide side) => Mode.Writes(side) && !DryRun;

    /// <summary>True when the run creates <paramref name="side"/>'s missing root.</summary>
    public bool MayCreate(SyncSide side) => Writes(side) && SyncedPaths == 0;

    /// <summary>
    /// True when a dry run takes <paramref name="side"/>'s missing root for an empty one, since the real
    /// run would create it (<see cref="Stores.AbsentRootStore"/>): the preview then shows what it would copy.
    /// </summary>
    public bool PreviewsAsEmpty(SyncSide side) => Mode.Writes(side) && SyncedPaths == 0 && DryRun;

    /// <summary>Says why a missing root stops the run, after the store's own words for it.</summary>
    public string Explain(SyncSide side, string missing) =>
        Mode.Writes(side) && SyncedPaths > 0
            ? $"{missing}; the job's last sync left {SyncedPaths} paths there, so it is not created again (unmounted or moved?)"
            : missing;
}
