using System.Text.Json;
using System.Text.Json.Serialization;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Cluster.Serialization;

/// <summary>
/// Job commands, queries and replies as JSON under stable manifests ("StartRun.v1"), for messages that
/// cross nodes (the shard region sends them to the node hosting the job). Like events, a changed
/// shape gets a new manifest.
/// </summary>
public static class JobMessageCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(DefineJob)] = "DefineJob.v1",
        [typeof(DeleteJob)] = "DeleteJob.v1",
        [typeof(StartRun)] = "StartRun.v1",
        [typeof(ControlRun)] = "ControlRun.v1",
        [typeof(GetJob)] = "GetJob.v1",
        [typeof(GetJobHistory)] = "GetJobHistory.v1",
        [typeof(CommandAccepted)] = "CommandAccepted.v1",
        [typeof(CommandRefused)] = "CommandRefused.v1",
        [typeof(JobView)] = "JobView.v1",
        [typeof(JobHistory)] = "JobHistory.v1",
    };

    private static readonly Dictionary<string, Type> Types = Manifests.ToDictionary(m => m.Value, m => m.Key);

    /// <summary>True for the types this codec writes.</summary>
    public static bool Handles(object message) => message is not null && Manifests.ContainsKey(message.GetType());

    /// <summary>The manifest of a message's type.</summary>
    public static string ManifestOf(object message) =>
        Manifests.TryGetValue(message.GetType(), out var manifest) ? manifest : throw new ArgumentException($"{message.GetType().Name} has no manifest");

    /// <summary>Encodes a message (UTF-8 JSON).</summary>
    public static byte[] Encode(object message) => JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), Json);

    /// <summary>Decodes bytes written under <paramref name="manifest"/>.</summary>
    /// <exception cref="FormatException">unknown manifest or bytes that do not decode.</exception>
    public static object Decode(ReadOnlySpan<byte> bytes, string manifest)
    {
        if (!Types.TryGetValue(manifest, out var type))
        {
            throw new FormatException($"unknown job message manifest '{manifest}'");
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, type, Json) ?? throw new FormatException($"empty {manifest} message");
        }
        catch (JsonException e)
        {
            throw new FormatException($"a {manifest} message does not decode: {e.Message}", e);
        }
    }

    /// <summary>Every message type, for serializer bindings.</summary>
    public static IEnumerable<Type> MessageTypes => Manifests.Keys;
}
