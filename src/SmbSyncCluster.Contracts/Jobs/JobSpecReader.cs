using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmbSyncCluster.Contracts;

/// <summary>
/// A job spec from what users and clients write (a JSON body, a CLI option, a remoting message): a mode or
/// conflict policy that names none is a problem of that field, reported with the spec's other problems,
/// never an undecodable spec.
/// </summary>
public static class JobSpecReader
{
    /// <summary>The mode named by <paramref name="text"/>; null, with the problem added to <paramref name="problems"/>, when it names none.</summary>
    public static SyncMode? ParseMode(string? text, ICollection<JobSpecError> problems) => Parse<SyncMode>("mode", text, problems);

    /// <summary>The conflict policy named by <paramref name="text"/>; null, with the problem added to <paramref name="problems"/>, when it names none.</summary>
    public static ConflictPolicy? ParseConflict(string? text, ICollection<JobSpecError> problems) => Parse<ConflictPolicy>("conflict", text, problems);

    /// <summary>
    /// The spec in <paramref name="json"/> (which is changed: its mode and conflict are taken out). A mode or
    /// conflict that names none is added to <paramref name="problems"/> and left at its default, so that the
    /// spec's other rules can still be checked.
    /// </summary>
    /// <exception cref="JsonException">a field has the wrong type (a mode that is a number, not a name) or format.</exception>
    public static JobSpec Read(JsonObject json, JsonSerializerOptions options, ICollection<JobSpecError> problems)
    {
        ArgumentNullException.ThrowIfNull(json);
        var mode = Take(json, "mode", out var modeText) ? ParseMode(modeText, problems) : null;
        var conflict = Take(json, "conflict", out var conflictText) ? ParseConflict(conflictText, problems) : null;
        var spec = json.Deserialize<JobSpec>(options) ?? throw new JsonException("null is not a job spec");
        return spec with { Mode = mode ?? spec.Mode, Conflict = conflict ?? spec.Conflict };
    }

    private static T? Parse<T>(string field, string? text, ICollection<JobSpecError> problems)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (WireNames.TryParse<T>(text, out var value))
        {
            return value;
        }
        problems.Add(new JobSpecError(field, $"'{text}' is not one of {string.Join(", ", WireNames.All<T>())}"));
        return null;
    }

    /// <summary>
    /// Takes the field out when it holds a name (or null, which names nothing); true then, with the name. A
    /// number or an object is left for the deserializer, which refuses it as having the wrong type.
    /// </summary>
    private static bool Take(JsonObject json, string field, out string? text)
    {
        text = null;
        if (!json.TryGetPropertyValue(field, out var node) || (node is not null && !(node is JsonValue value && value.TryGetValue(out text))))
        {
            return false;
        }
        json.Remove(field);
        return true;
    }
}
