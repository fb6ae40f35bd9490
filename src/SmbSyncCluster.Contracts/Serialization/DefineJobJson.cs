using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SmbSyncCluster.Contracts;

/// <summary>
/// A <see cref="DefineJob"/> in the JSON it has always had (<c>{"spec":…,"intent":…,"jobId":…}</c>), read
/// through <see cref="JobSpecReader"/>: a spec with a mode or conflict policy this node does not know
/// still arrives, and is refused naming the field, rather than being dropped as undecodable.
/// </summary>
internal sealed class DefineJobJson : JsonConverter<DefineJob>
{
    public override DefineJob Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonNode.Parse(ref reader) is not JsonObject json)
        {
            throw new JsonException("a DefineJob is a JSON object");
        }
        if (Field(json, nameof(DefineJob.Spec), options) is not JsonObject spec)
        {
            throw new JsonException("a DefineJob has a spec");
        }
        var problems = new List<JobSpecError>();
        var intent = Field(json, nameof(DefineJob.Intent), options)?.Deserialize<DefineIntent>(options) ?? DefineIntent.Upsert;
        return new DefineJob(JobSpecReader.Read(spec, options, problems), intent) { ReadProblems = problems };
    }

    public override void Write(Utf8JsonWriter writer, DefineJob value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Name(nameof(DefineJob.Spec), options));
        JsonSerializer.Serialize(writer, value.Spec, options);
        writer.WritePropertyName(Name(nameof(DefineJob.Intent), options));
        JsonSerializer.Serialize(writer, value.Intent, options);
        writer.WriteString(Name(nameof(DefineJob.JobId), options), value.JobId);
        writer.WriteEndObject();
    }

    /// <summary>A property's JSON name, as the serializer would write it.</summary>
    private static string Name(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;

    private static JsonNode? Field(JsonObject json, string property, JsonSerializerOptions options)
    {
        var name = Name(property, options);
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return json.FirstOrDefault(p => string.Equals(p.Key, name, comparison)).Value;
    }
}
