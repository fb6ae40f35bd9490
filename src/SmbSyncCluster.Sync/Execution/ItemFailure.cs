using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Sync.Execution;

/// <summary>An action that did not succeed, after its retries.</summary>
/// <param name="Action">The action.</param>
/// <param name="Class">How the last error was classified.</param>
/// <param name="Message">One line for the user.</param>
public sealed record ItemFailure(SyncAction Action, ErrorClass Class, string Message);
