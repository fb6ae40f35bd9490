namespace SmbSyncCluster.Contracts;

/// <summary>A job's status as the HTTP API and CLI show it.</summary>
public enum JobStatus
{
    /// <summary>Defined and never run, or watched and waiting for changes after a run that completed.</summary>
    Idle,
    /// <summary>A run is in progress.</summary>
    Running,
    /// <summary>A run is paused.</summary>
    Paused,
    /// <summary>The last run completed.</summary>
    Completed,
    /// <summary>The last run failed, was aborted or was stopped.</summary>
    Failed,
}
