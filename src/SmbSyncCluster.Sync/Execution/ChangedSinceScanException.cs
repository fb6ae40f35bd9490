namespace SmbSyncCluster.Sync.Execution;

/// <summary>
/// An entry is no longer what the scan saw (edited, replaced or removed since), so the planned action
/// is not taken: acting on it could overwrite or delete a change nobody has looked at. The next run
/// sees the new state.
/// </summary>
public sealed class ChangedSinceScanException(string path, string side)
    : IOException($"'{path}' changed on the {side} side since the scan; left for the next run")
{
    /// <summary>The relative path.</summary>
    public string Path { get; } = path;
}
