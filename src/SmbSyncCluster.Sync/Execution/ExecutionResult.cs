namespace SmbSyncCluster.Sync.Execution;

/// <summary>What an execution did. Counts are of files; failures are per item.</summary>
/// <param name="Uploaded">Files copied to the remote.</param>
/// <param name="Downloaded">Files copied to the local side.</param>
/// <param name="DeletedLocal">Local files deleted.</param>
/// <param name="DeletedRemote">Remote files deleted.</param>
/// <param name="BytesTransferred">Bytes copied.</param>
/// <param name="Failures">Items that failed; the run went on past them.</param>
/// <param name="AbortReason">Set when a run-fatal error stopped the execution.</param>
public sealed record ExecutionResult(
    int Uploaded,
    int Downloaded,
    int DeletedLocal,
    int DeletedRemote,
    long BytesTransferred,
    IReadOnlyList<ItemFailure> Failures,
    string? AbortReason);
