using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Limits;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Runs;

/// <summary>What a node gives the jobs and runs it hosts: secrets, execution tuning, the dispatcher for blocking work and the clock.</summary>
public sealed record RunEnvironment
{
    /// <summary>The dispatcher (see <c>hocon/dispatchers.conf</c>) scanners, detectors and transfer workers run on, so blocking file I/O never holds Akka's default dispatcher.</summary>
    public const string IoDispatcher = "smbsync.io-dispatcher";

    /// <summary>Resolves a job's credential name to a password.</summary>
    public PasswordLookup Passwords { get; init; } = _ => null;

    /// <summary>
    /// The node's own files and directories (absolute: its journal, its data directory), which runs
    /// leave out of any tree that holds them.
    /// </summary>
    public IReadOnlyList<string> PrivatePaths { get; init; } = [];

    /// <summary>Directories the jobs' local paths must lie under; empty for anywhere.</summary>
    public IReadOnlyList<string> LocalRoots { get; init; } = [];

    /// <summary>The servers each credential may be sent to.</summary>
    public CredentialHostsLookup CredentialHosts { get; init; } = _ => null;

    /// <summary>What the node lets job specs reach, checked at every definition and before every run.</summary>
    public NodeLimits Limits => new() { LocalRoots = LocalRoots, PrivatePaths = PrivatePaths, CredentialHosts = CredentialHosts };

    /// <summary>Opens a job's stores; null for <see cref="JobStores.OpenAsync"/> with <see cref="Passwords"/>.</summary>
    public Func<JobSpec, RootPolicy, CancellationToken, Task<JobStores>>? OpenStores { get; init; }

    /// <summary>The node's bandwidth limit, one bucket shared by every transfer on the node; null for none.</summary>
    public BandwidthLimit? NodeBandwidth { get; init; }

    /// <summary>The cluster's <see cref="Limits.ServerGate"/> (its proxy), which leases transfer slots per SMB server; null for no per-server limit.</summary>
    public Akka.Actor.IActorRef? ServerGate { get; init; }

    /// <summary>Retries and progress cadence; the worker count comes from each job's spec.</summary>
    public ExecutorOptions Executor { get; init; } = new();

    /// <summary>Successes and failures gathered into one journal event at most.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Longest time a finished item waits before its batch is sent to the job.</summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The dispatcher for blocking work; tests may use the default one.</summary>
    public string Dispatcher { get; init; } = IoDispatcher;

    /// <summary>The clock that dates definitions and run ends, which schedules count from; tests may shift it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How watched jobs turn changes into runs.</summary>
    public Jobs.WatchTiming Watching { get; init; } = new();

    /// <summary>
    /// How long one of a job's interval seconds lasts: a second. Tests shrink it, so that schedules (10 s at
    /// least) come round in a fraction of a second without a weaker rule for users.
    /// </summary>
    public TimeSpan IntervalSecond { get; init; } = TimeSpan.FromSeconds(1);
}
