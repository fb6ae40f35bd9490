using Akka.Actor;
using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Cluster.Runs;

/// <summary>Executor to worker: run one attempt of an action and answer <paramref name="ReplyTo"/>.</summary>
/// <param name="Action">The action.</param>
/// <param name="Attempt">1 for the first try.</param>
/// <param name="ReplyTo">The executor.</param>
public sealed record Transfer(SyncAction Action, int Attempt, IActorRef ReplyTo);

/// <summary>Worker to executor: the action succeeded.</summary>
/// <param name="Action">The action.</param>
/// <param name="Effect">What it did.</param>
public sealed record TransferSucceeded(SyncAction Action, ActionEffect Effect);

/// <summary>Worker to executor: the attempt ended because the run is stopping; nothing to record.</summary>
/// <param name="Action">The action.</param>
public sealed record TransferCancelled(SyncAction Action);

/// <summary>Supervisor to executor: the attempt failed with a transient error and the worker was restarted; try again after a backoff.</summary>
/// <param name="Transfer">The attempt that failed.</param>
public sealed record TransferRetry(Transfer Transfer);

/// <summary>Supervisor to executor: the action failed for good (item error, or transient after the last attempt).</summary>
/// <param name="Failure">The action, the error's class and message.</param>
public sealed record TransferFailed(ItemFailure Failure);

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

/// <summary>
/// One of the executor's pool of transfer workers: runs single attempts of actions with the shared
/// <see cref="ActionRunner"/>, piping the result back to itself. A failed attempt is thrown for the
/// supervisor (<see cref="RunSupervision.ForTransferWorkers"/>). Stateless, so a restart loses nothing
/// of the other attempts in flight.
/// </summary>
public sealed class TransferWorker : ReceiveActor
{
    private sealed record Attempted(Transfer Transfer, ActionEffect Effect, Exception? Error);

    /// <summary>Creates a worker.</summary>
    public TransferWorker(ActionRunner runner, ProgressTracker progress, CancellationToken ct)
    {
        Receive<Transfer>(t =>
        {
            progress.Started(t.Action.Path);
            runner.AttemptAsync(t.Action, progress.Bytes, ct).PipeTo(
                Self, success: effect => new Attempted(t, effect, null), failure: e => new Attempted(t, ActionEffect.None, e));
        });
        Receive<Attempted>(a =>
        {
            if (a.Error is not null && ct.IsCancellationRequested)
            {
                a.Transfer.ReplyTo.Tell(new TransferCancelled(a.Transfer.Action));
                return;
            }
            if (a.Error is not null)
            {
                throw new TransferAttemptFailedException(a.Transfer, a.Error);
            }
            a.Transfer.ReplyTo.Tell(new TransferSucceeded(a.Transfer.Action, a.Effect));
        });
    }

    /// <summary>The props of a worker.</summary>
    public static Props Props(ActionRunner runner, ProgressTracker progress, CancellationToken ct) =>
        Akka.Actor.Props.Create(() => new TransferWorker(runner, progress, ct));
}
