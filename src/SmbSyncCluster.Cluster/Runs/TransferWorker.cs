using Akka.Actor;
using SmbSyncCluster.Sync.Execution;

namespace SmbSyncCluster.Cluster.Runs;

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
