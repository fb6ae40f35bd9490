using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// Job events to bytes and back with a stable manifest per event type and version ("JobDefined.v1"): the
/// journal stores the manifest beside the bytes, so replay never depends on C# type names. The
/// cluster's Akka serializer delegates to this codec.
/// </summary>
public static class JobEventCodec
{
    private static readonly ManifestCodec<IJobEvent> Codec = new("job event", new Dictionary<Type, string>
    {
        [typeof(JobDefined)] = "JobDefined.v1",
        [typeof(JobDeleted)] = "JobDeleted.v1",
        [typeof(RunStarted)] = "RunStarted.v1",
        [typeof(ItemsSynced)] = "ItemsSynced.v1",
        [typeof(ItemsFailed)] = "ItemsFailed.v1",
        [typeof(RunControlled)] = "RunControlled.v1",
        [typeof(RunFinished)] = "RunFinished.v1",
    });

    /// <summary>The manifest of an event's type.</summary>
    public static string ManifestOf(IJobEvent e) => Codec.ManifestOf(e);

    /// <summary>Encodes an event (UTF-8 JSON).</summary>
    public static byte[] Encode(IJobEvent e) => Codec.Encode(e);

    /// <summary>Decodes bytes written under <paramref name="manifest"/>.</summary>
    /// <exception cref="FormatException">unknown manifest or bytes that do not decode.</exception>
    public static IJobEvent Decode(ReadOnlySpan<byte> bytes, string manifest) => Codec.Decode(bytes, manifest);
}
