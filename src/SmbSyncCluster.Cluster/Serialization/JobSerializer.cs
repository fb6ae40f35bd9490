using Akka.Actor;
using Akka.Serialization;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Serialization;

/// <summary>
/// Writes job events with the stable manifests of <see cref="JobEventCodec"/>, snapshots with
/// <see cref="JobSnapshotCodec"/>'s, so that a rename of a C# type never breaks replay of a journal (the
/// default serializer writes assembly-qualified names). Messages go through <see cref="ContractSerializer"/>.
/// </summary>
public sealed class JobSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The id stored beside every row this serializer writes; never change it.</summary>
    public const int Id = 7001;

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        IJobEvent e => JobEventCodec.ManifestOf(e),
        JobSnapshot => JobSnapshotCodec.Manifest,
        _ => throw new ArgumentException($"{o.GetType().Name} is not serialized by {nameof(JobSerializer)}"),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        IJobEvent e => JobEventCodec.Encode(e),
        JobSnapshot s => s.Bytes,
        _ => throw new ArgumentException($"{obj.GetType().Name} is not serialized by {nameof(JobSerializer)}"),
    };

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) =>
        manifest == JobSnapshotCodec.Manifest ? new JobSnapshot(bytes)
        : JobEventCodec.Decode(bytes, manifest);
}
