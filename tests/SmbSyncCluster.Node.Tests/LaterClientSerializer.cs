using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Tests;

/// <summary>A <c>DefineJob.v1</c> as a client of a later version could write it: its JSON as is, e.g. with a mode this version does not know.</summary>
/// <param name="Json">The message's JSON.</param>
internal sealed record LaterDefineJob(string Json);

/// <summary>
/// The contract serializer of a test client standing in for a later version: the contract messages as
/// <see cref="ContractSerializer"/> writes them, and a <see cref="LaterDefineJob"/> as the DefineJob.v1
/// it holds, under the same serializer id, so that the node reads it as any DefineJob.
/// </summary>
internal sealed class LaterClientSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Binds it in place of <see cref="ContractSerializer"/>; put before <see cref="ContractSerializer.Config"/>.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString(
        $$"""
        akka.actor.serializers.smbsync-contracts = "{{typeof(LaterClientSerializer).AssemblyQualifiedName}}"
        akka.actor.serialization-identifiers."{{typeof(LaterClientSerializer).AssemblyQualifiedName}}" = {{ContractSerializer.Id}}
        akka.actor.serialization-bindings."{{typeof(LaterDefineJob).FullName}}, {{typeof(LaterDefineJob).Assembly.GetName().Name}}" = smbsync-contracts
        """);

    public override int Identifier => ContractSerializer.Id;

    public override string Manifest(object o) => o is LaterDefineJob ? "DefineJob.v1" : ContractMessages.Codec.ManifestOf(o);

    public override byte[] ToBinary(object obj) => obj is LaterDefineJob later ? Encoding.UTF8.GetBytes(later.Json) : ContractMessages.Codec.Encode(obj);

    public override object FromBinary(byte[] bytes, string manifest) => ContractMessages.Codec.Decode(bytes, manifest);
}
