namespace SmbSyncCluster.Sync.Scanning;

/// <summary>Something a scan could not take in: an unreadable directory, a link it does not follow.</summary>
/// <param name="Path">The store-relative path.</param>
/// <param name="Reason">One line for the user.</param>
/// <param name="Error">The exception, when there was one (for classification and logs).</param>
public sealed record ScanIssue(string Path, string Reason, Exception? Error = null);
