using Akka.Actor;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Errors;
using SmbSyncCluster.Sync.Execution;

namespace SmbSyncCluster.Cluster.Runs;

/// <summary>Supervision strategies derived from <see cref="ErrorClassifier"/>.</summary>
public static class RunSupervision
{
    /// <summary>
    /// For the executor's pool of transfer workers, one for one (a pool escalates every failure by
    /// default, restarting all workers): a transient error restarts the worker and has the executor
    /// retry the action after a backoff, until the last attempt; an item error, or a transient one after the last attempt, resumes
    /// the worker and reports the item failed; a run-fatal error escalates, which aborts the run.
    /// </summary>
    public static SupervisorStrategy ForTransferWorkers(int maxAttempts) => new OneForOneStrategy(
        error =>
        {
            if (error is not TransferAttemptFailedException failed || failed.Class == ErrorClass.RunFatal)
            {
                return Directive.Escalate;
            }
            if (failed.Class == ErrorClass.Transient && failed.Transfer.Attempt < maxAttempts)
            {
                failed.Transfer.ReplyTo.Tell(new TransferRetry(failed.Transfer));
                return Directive.Restart;
            }
            var cause = failed.InnerException ?? failed;
            failed.Transfer.ReplyTo.Tell(new TransferFailed(new ItemFailure(failed.Transfer.Action, failed.Class, cause.Message)));
            return Directive.Resume;
        },
        loggingEnabled: false);

    /// <summary>True when <paramref name="error"/>, which aborted a run, says the SMB server could not be reached at all.</summary>
    public static bool IsServerUnreachable(Exception error) => error switch
    {
        SmbServerUnreachableException or SmbConnectionException => true,
        AggregateException { InnerExceptions: [var single] } => IsServerUnreachable(single),
        TransferAttemptFailedException or ScanFailedException => error.InnerException is { } inner && IsServerUnreachable(inner),
        _ => false,
    };

    /// <summary>The message a run reports when <paramref name="error"/> aborted it: the store's own words, not the wrapper's.</summary>
    public static string ReasonOf(Exception error) => error switch
    {
        TransferAttemptFailedException { InnerException: { } inner } => inner.Message,
        AggregateException { InnerExceptions: [var single] } => ReasonOf(single),
        _ => error.Message,
    };
}
