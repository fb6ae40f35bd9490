using Akka.Actor;
using Akka.Serialization;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Cluster.Serialization;

/// <summary>
/// Writes job events with the stable manifests of <see cref="JobEventCodec"/>, snapshots with
/// <see cref="JobSnapshotCodec"/>'s and the commands, queries and replies that cross nodes with
/// <see cref="JobMessageCodec"/>'s, so that a rename of a C# type never breaks replay of a journal
/// nor a rolling upgrade (the default serializer writes assembly-qualified names).
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
        _ when JobMessageCodec.Codec.Handles(o) => JobMessageCodec.Codec.ManifestOf(o),
        _ => throw new ArgumentException($"{o.GetType().Name} is not serialized by {nameof(JobSerializer)}"),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        IJobEvent e => JobEventCodec.Encode(e),
        JobSnapshot s => s.Bytes,
        _ when JobMessageCodec.Codec.Handles(obj) => JobMessageCodec.Codec.Encode(obj),
        _ => throw new ArgumentException($"{obj.GetType().Name} is not serialized by {nameof(JobSerializer)}"),
    };

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) =>
        manifest == JobSnapshotCodec.Manifest ? new JobSnapshot(bytes)
        : JobEventCodec.IsManifest(manifest) ? JobEventCodec.Decode(bytes, manifest)
        : JobMessageCodec.Codec.Decode(bytes, manifest);
}
