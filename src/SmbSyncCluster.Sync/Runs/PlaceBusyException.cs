namespace SmbSyncCluster.Sync.Runs;

/// <summary>
/// Another run (of another job, another process, another node) is syncing one of this run's directories:
/// two runs writing the same tree would take each other's changes for the user's and undo or duplicate
/// them, so this run is refused.
/// </summary>
/// <param name="place">The directory, as the user knows it.</param>
/// <param name="holder">Who holds it, as the holder described itself (untrusted text, shortened).</param>
public sealed class PlaceBusyException(string place, string holder)
    : Exception($"{place} is being synced by another run ({holder}); try again when it ends")
{
    /// <summary>The holder's own description of itself.</summary>
    public string Holder { get; } = holder;
}
