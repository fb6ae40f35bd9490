using System.Collections.Concurrent;
using Akka.Persistence;
using Akka.Persistence.Snapshot;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>A snapshot store that takes <see cref="Delay"/> to write each snapshot and keeps them in memory.</summary>
internal sealed class SlowSnapshotStore : SnapshotStore
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    /// <summary>HOCON that makes it a system's snapshot store.</summary>
    public const string Config = """
        akka.persistence.snapshot-store.plugin = "slow-snapshot-store"
        slow-snapshot-store.class = "SmbSyncCluster.Cluster.Tests.SlowSnapshotStore, SmbSyncCluster.Cluster.Tests"
        """;

    /// <summary>The persistence ids of the snapshots written, in any system.</summary>
    public static ConcurrentQueue<string> Written { get; } = new();

    protected override Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken) => Task.FromResult<SelectedSnapshot?>(null);

    protected override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        await Task.Delay(Delay, CancellationToken.None); // not cancelled: a write under way finishes, as a database's would
        Written.Enqueue(metadata.PersistenceId);
    }

    protected override Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken) => Task.CompletedTask;
}
