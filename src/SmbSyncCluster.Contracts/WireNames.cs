using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmbSyncCluster.Contracts;

/// <summary>
/// The names enums have outside the process (kebab case: <c>ConflictPolicy.KeepBoth</c> is "keep-both"):
/// the one converter every JSON of the project writes them with, and the same names for text that does not
/// go through JSON (CLI options, printed summaries, metric labels).
/// </summary>
public static class WireNames
{
    /// <summary>
    /// The JSON converter of every enum: kebab-case names, read back exactly; a number or a name this version
    /// does not know fails, so an event from a later version is refused rather than read as some other value.
    /// </summary>
    public static JsonStringEnumConverter Converter() => new(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    /// <summary>The value whose wire name is <paramref name="text"/> (compared exactly), if any.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        if (text is not null && Names<T>.ByName.TryGetValue(text, out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Every wire name of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Names<T>.InOrder;

    extension<T>(T value)
        where T : struct, Enum
    {
        /// <summary>The value's name on the wire ("keep-both").</summary>
        public string WireName => Names<T>.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(T).Name}");
    }

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> InOrder = [.. Enum.GetValues<T>().Select(NameOf)];
        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().ToFrozenDictionary(v => v, NameOf);
        public static readonly FrozenDictionary<string, T> ByName = Enum.GetValues<T>().ToFrozenDictionary(NameOf, v => v, StringComparer.Ordinal);

        // As JsonStringEnumConverter names it: an explicit member name, else the kebab-case of the member.
        private static string NameOf(T value)
        {
            var member = value.ToString();
            return typeof(T).GetField(member)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? JsonNamingPolicy.KebabCaseLower.ConvertName(member);
        }
    }
}
