namespace SmbSyncCluster.Contracts;

/// <summary>How a run ended; on the wire as "completed", "failed", "aborted", "stopped".</summary>
public enum RunOutcome
{
    /// <summary>Every item was synced (or, for a dry run, planned).</summary>
    Completed,

    /// <summary>The run went to its end, but some items failed.</summary>
    Failed,

    /// <summary>Refused (the max-delete guard) or ended by a run-fatal error; <see cref="RunSummary.Reason"/> says which.</summary>
    Aborted,

    /// <summary>A user stopped it.</summary>
    Stopped,
}
