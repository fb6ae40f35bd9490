using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Versions;

namespace SmbSyncCluster.Node.Http;

/// <summary>One version as <c>GET /api/jobs/{id}/versions</c> lists it.</summary>
/// <param name="Side">local or remote: whose versions area holds it.</param>
/// <param name="Name">The version's name, which a restore is given.</param>
/// <param name="KeptAt">When a run deleted or overwrote it.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Modified">Its own modification time.</param>
public sealed record VersionResource(string Side, string Name, DateTimeOffset KeptAt, long Size, DateTimeOffset Modified)
{
    /// <summary>The resource of a listed version.</summary>
    public static VersionResource From(SideVersion version) => new(
        SideName(version.Side), version.Version.Name, new DateTimeOffset(version.Version.KeptUtc, TimeSpan.Zero), version.Version.Size,
        new DateTimeOffset(version.Version.ModifiedUtc, TimeSpan.Zero));

    /// <summary>How the API names a side.</summary>
    public static string SideName(SyncSide side) => side == SyncSide.Local ? "local" : "remote";
}

/// <summary>The body of <c>POST /api/jobs/{id}/restore</c>.</summary>
/// <param name="Path">The file's path in the job.</param>
/// <param name="Version">The version's name, as the listing gives it.</param>
/// <param name="Side">local or remote; may be left out when only one side holds that name.</param>
public sealed record RestoreRequest(string? Path, string? Version, string? Side = null);

/// <summary>What <c>POST /api/jobs/{id}/restore</c> did.</summary>
/// <param name="Path">The file put back.</param>
/// <param name="Side">local or remote.</param>
/// <param name="Version">The version restored.</param>
/// <param name="KeptCurrentAs">The version name the file that was there is now kept under, or null when there was none.</param>
public sealed record RestoreResource(string Path, string Side, string Version, string? KeptCurrentAs)
{
    /// <summary>The resource of a restore.</summary>
    public static RestoreResource From(RestoredVersion restored) =>
        new(restored.Path, VersionResource.SideName(restored.Side), restored.Version, restored.KeptCurrentAs);
}
