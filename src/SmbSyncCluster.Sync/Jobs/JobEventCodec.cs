using System.Text.Json;
using System.Text.Json.Serialization;
using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// Events to bytes and back, with a stable string manifest per event type and version ("JobDefined.v1").
/// The journal stores the manifest beside the bytes, so a type can be renamed or moved without breaking
/// replay; a changed shape gets a new version whose reader stays here for old rows. The cluster's
/// Akka serializer delegates to this codec.
/// </summary>
public static class JobEventCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(JobDefined)] = "JobDefined.v1",
        [typeof(JobDeleted)] = "JobDeleted.v1",
        [typeof(RunStarted)] = "RunStarted.v1",
        [typeof(ItemsSynced)] = "ItemsSynced.v1",
        [typeof(ItemsFailed)] = "ItemsFailed.v1",
        [typeof(RunControlled)] = "RunControlled.v1",
        [typeof(RunFinished)] = "RunFinished.v1",
    };

    private static readonly Dictionary<string, Type> Types = Manifests.ToDictionary(m => m.Value, m => m.Key);

    /// <summary>The manifest of an event's type.</summary>
    public static string ManifestOf(IJobEvent e) =>
        Manifests.TryGetValue(e.GetType(), out var manifest) ? manifest : throw new ArgumentException($"{e.GetType().Name} has no manifest");

    /// <summary>True when <paramref name="manifest"/> names an event type.</summary>
    public static bool IsManifest(string manifest) => Types.ContainsKey(manifest);

    /// <summary>Encodes an event (UTF-8 JSON).</summary>
    public static byte[] Encode(IJobEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), Json);

    /// <summary>Decodes bytes written under <paramref name="manifest"/>.</summary>
    /// <exception cref="FormatException">unknown manifest or bytes that do not decode.</exception>
    public static IJobEvent Decode(ReadOnlySpan<byte> bytes, string manifest)
    {
        if (!Types.TryGetValue(manifest, out var type))
        {
            throw new FormatException($"unknown job event manifest '{manifest}'");
        }
        try
        {
            return (IJobEvent)(JsonSerializer.Deserialize(bytes, type, Json) ?? throw new FormatException($"empty {manifest} event"));
        }
        catch (JsonException e)
        {
            throw new FormatException($"a {manifest} event does not decode: {e.Message}", e);
        }
    }
}
