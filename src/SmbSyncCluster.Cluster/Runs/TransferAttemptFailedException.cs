using SmbSyncCluster.Sync.Errors;

namespace SmbSyncCluster.Cluster.Runs;

/// <summary>
/// Thrown by a worker when an attempt failed, so that its supervisor decides by the error's class
/// (<see cref="RunSupervision.ForTransferWorkers"/>): retry, record, or abort the run.
/// </summary>
public sealed class TransferAttemptFailedException(Transfer transfer, Exception cause)
    : Exception($"{transfer.Action.Kind} of '{transfer.Action.Path}' failed (attempt {transfer.Attempt}): {cause.Message}", cause)
{
    /// <summary>The attempt that failed.</summary>
    public Transfer Transfer { get; } = transfer;

    /// <summary>The error's class.</summary>
    public ErrorClass Class { get; } = ErrorClassifier.Classify(cause);
}
