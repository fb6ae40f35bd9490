namespace SmbSyncCluster.Sync.Versions;

/// <summary>One kept version of a file, as <see cref="VersionArea.ListAsync"/> finds it.</summary>
/// <param name="Name">The version's name in the area (what a restore is given).</param>
/// <param name="KeptUtc">When it was kept: when the run deleted or overwrote it.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="ModifiedUtc">Its own modification time, as it was when it was the current file.</param>
public sealed record FileVersion(string Name, DateTime KeptUtc, long Size, DateTime ModifiedUtc);
