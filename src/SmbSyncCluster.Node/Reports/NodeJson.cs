using System.Text.Json;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Reports;

/// <summary>The JSON of everything users read (CLI output, HTTP bodies): camelCase, enums as kebab-case words, nulls written (a field is always there).</summary>
public static class NodeJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the conventions to <paramref name="options"/> (the HTTP front's own options) and returns them.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(WireNames.Converter());
        return options;
    }
}
