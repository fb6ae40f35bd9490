using Akka.Actor;
using Akka.Serialization;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Cluster.Serialization;

/// <summary>
/// Writes job events with the stable manifests of <see cref="JobEventCodec"/>, so that a rename of a C#
/// type never breaks replay of a journal (the default serializer stores assembly-qualified names).
/// </summary>
public sealed class JobSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The id stored beside every row this serializer writes; never change it.</summary>
    public const int Id = 7001;

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => o is IJobEvent e
        ? JobEventCodec.ManifestOf(e)
        : throw new ArgumentException($"{o.GetType().Name} is not serialized by {nameof(JobSerializer)}");

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj is IJobEvent e
        ? JobEventCodec.Encode(e)
        : throw new ArgumentException($"{obj.GetType().Name} is not serialized by {nameof(JobSerializer)}");

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => JobEventCodec.Decode(bytes, manifest);
}
