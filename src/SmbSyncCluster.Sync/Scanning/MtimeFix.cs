using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Scanning;

/// <summary>
/// A file whose two copies hold the same bytes but differ in time: set <paramref name="Side"/>'s time to
/// <paramref name="ModifiedTicks"/>, provided both copies are still the versions that were read.
/// </summary>
/// <param name="Path">The relative path.</param>
/// <param name="Side">The side whose modification time is changed.</param>
/// <param name="ModifiedTicks">The time to give it (UTC ticks).</param>
/// <param name="Local">The local copy as it was read and found identical.</param>
/// <param name="Remote">The remote copy as it was read and found identical.</param>
public sealed record MtimeFix(string Path, SyncSide Side, long ModifiedTicks, EntryState Local, EntryState Remote);
