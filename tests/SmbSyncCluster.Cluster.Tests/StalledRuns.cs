using SmbSyncCluster.Cluster.Runs;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Testing;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>
/// Jobs whose runs stay in progress: their remote is a loopback port nobody listens on, a transient
/// error retried every few seconds without end (with a password, so that the run gets as far as
/// connecting). For tests of what happens to a run in flight.
/// </summary>
internal static class StalledRuns
{
    public static RunEnvironment Environment { get; } = new()
    {
        Passwords = _ => "unused",
        Executor = new ExecutorOptions { MaxAttempts = int.MaxValue, RetryBaseDelay = TimeSpan.FromSeconds(5), RetryMaxDelay = TimeSpan.FromSeconds(5) },
    };

    public static JobSpec Spec(string id) => new()
    {
        Id = id,
        LocalPath = Directory.CreateTempSubdirectory("smbsync-stalled-").FullName,
        Remote = $"smb://svc@127.0.0.1:{FreePort.Next()}/share",
    };
}
