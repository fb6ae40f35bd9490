using SmbSyncCluster.Smb.Auth;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>The options after '?' in an smb:// URL, each at its default when absent.</summary>
internal sealed record UrlOptions(
    SmbProtection Protection = SmbProtection.Default,
    bool Guest = false,
    SmbAuthMethod Auth = SmbAuthMethod.Negotiate,
    string? ServicePrincipal = null);
