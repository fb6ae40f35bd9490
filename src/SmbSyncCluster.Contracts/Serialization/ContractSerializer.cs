using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace SmbSyncCluster.Contracts;

/// <summary>
/// Writes the contract messages with the stable manifests of <see cref="ContractMessages"/>. Every
/// ActorSystem that exchanges them (the nodes, and any remote client) binds it with <see cref="Config"/>.
/// </summary>
public sealed class ContractSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer's id on the wire; never change it.</summary>
    public const int Id = 7002;

    /// <summary>
    /// The HOCON that binds every contract message to this serializer; add it to a client system's
    /// configuration (the nodes add it themselves).
    /// </summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString(
        $$"""
        akka.actor.serializers.smbsync-contracts = "{{typeof(ContractSerializer).AssemblyQualifiedName}}"
        akka.actor.serialization-identifiers."{{typeof(ContractSerializer).AssemblyQualifiedName}}" = {{Id}}
        akka.actor.serialization-bindings {
        {{string.Join("\n", ContractMessages.Codec.Types.Select(t => $"  \"{t.FullName}, {t.Assembly.GetName().Name}\" = smbsync-contracts"))}}
        }
        """);

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => ContractMessages.Codec.ManifestOf(o);

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => ContractMessages.Codec.Encode(obj);

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => ContractMessages.Codec.Decode(bytes, manifest);
}
