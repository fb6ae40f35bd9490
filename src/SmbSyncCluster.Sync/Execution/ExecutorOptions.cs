using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Limits;

namespace SmbSyncCluster.Sync.Execution;

/// <summary>How a plan is executed: concurrency, retries, progress cadence.</summary>
public sealed record ExecutorOptions
{
    /// <summary>Transfers and other actions in flight at once.</summary>
    public int Workers { get; init; } = JobDefaults.Workers;

    /// <summary>Attempts for an action failing with a transient error (the first try included).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Delay before the first retry; doubles each time, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a run waits, in all, for an SMB server that dropped its connections to take new ones
    /// (a restart, a failover) before it gives up and aborts naming the server; within it the clients
    /// reconnect and the actions that were in flight are retried.
    /// </summary>
    public TimeSpan ReconnectBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Least time between two progress reports.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How far a modification time may drift between scan and action and still be the same version.</summary>
    public TimeSpan MtimeTolerance { get; init; } = TimeSpan.FromTicks(1);

    /// <summary>
    /// Files the run deletes or overwrites are moved into the versions area of their side
    /// (<see cref="Versions.VersionArea"/>) instead of being lost. Off unless the job's spec keeps versions.
    /// </summary>
    public bool KeepVersions { get; init; }

    /// <summary>The bandwidth limits every transfer's bytes go through (the job's and the node's); null for none.</summary>
    public TransferThrottle? Throttle { get; init; }

    /// <summary>The clock that dates kept versions.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long to wait before attempt <paramref name="attempt"/> + 1: exponential from <see cref="RetryBaseDelay"/>, capped, with jitter.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var exponential = RetryBaseDelay.Ticks * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.5 + (Random.Shared.NextDouble() * 0.5))));
    }
}
