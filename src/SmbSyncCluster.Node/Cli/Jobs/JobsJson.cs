using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>How the HTTP front writes its bodies: web (camelCase) names, enums in kebab-case ("idle", "running").</summary>
internal static class JobsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
