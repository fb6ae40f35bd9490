namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// To a job: stop once the snapshot writes it started have ended. A process about to exit (the one-shot
/// CLI) sends it rather than stopping the job outright: the snapshot store writes asynchronously, and a
/// write still running when the process exits is lost.
/// </summary>
public sealed record StopWhenSettled
{
    /// <summary>The message.</summary>
    public static StopWhenSettled Instance { get; } = new();
}
