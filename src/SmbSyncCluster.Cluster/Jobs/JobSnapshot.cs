namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// A job state frozen into bytes on the actor's thread (the live state keeps changing while the
/// snapshot store writes), stored under <see cref="Sync.Jobs.JobSnapshotCodec.Manifest"/>.
/// </summary>
/// <param name="Bytes">The encoded state.</param>
public sealed record JobSnapshot(byte[] Bytes);
