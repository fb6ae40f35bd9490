using Microsoft.AspNetCore.Http;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// The probes' routes: answered to anyone, whatever Host, Origin or token they carry. They say healthy or not and
/// nothing else, and kubelet calls them by the pod's address with no token.
/// </summary>
internal static class HealthPaths
{
    public const string Live = "/health/live";

    public const string Ready = "/health/ready";

    public static bool IsProbe(PathString path) => path.Equals(Live, StringComparison.OrdinalIgnoreCase) || path.Equals(Ready, StringComparison.OrdinalIgnoreCase);
}
