using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmbSyncCluster.Contracts;

/// <summary>
/// Values to UTF-8 JSON and back under a stable string manifest per type and version ("JobDefined.v1").
/// The manifest is stored or sent beside the bytes, so a type can be renamed or moved without breaking
/// old rows or peers; a changed shape gets a new version whose reader stays.
/// </summary>
/// <typeparam name="T">What the codec carries.</typeparam>
public sealed class ManifestCodec<T>
    where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { WireNames.Converter() },
    };

    private readonly string _kind;
    private readonly Dictionary<Type, string> _manifests;
    private readonly Dictionary<string, Type> _types;

    /// <summary>A codec for the types of <paramref name="manifests"/>; <paramref name="kind"/> names them in errors.</summary>
    public ManifestCodec(string kind, IReadOnlyDictionary<Type, string> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        _kind = kind;
        _manifests = new Dictionary<Type, string>(manifests);
        _types = _manifests.ToDictionary(m => m.Value, m => m.Key);
    }

    /// <summary>Every type the codec writes.</summary>
    public IEnumerable<Type> Types => _manifests.Keys;

    /// <summary>The manifest of a value's type.</summary>
    public string ManifestOf(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _manifests.TryGetValue(value.GetType(), out var manifest) ? manifest : throw new ArgumentException($"{value.GetType().Name} has no manifest");
    }

    /// <summary>Encodes a value (UTF-8 JSON).</summary>
    public byte[] Encode(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Json);
    }

    /// <summary>Decodes bytes written under <paramref name="manifest"/>.</summary>
    /// <exception cref="FormatException">unknown manifest or bytes that do not decode.</exception>
    public T Decode(ReadOnlySpan<byte> bytes, string manifest)
    {
        if (!_types.TryGetValue(manifest, out var type))
        {
            throw new FormatException($"unknown {_kind} manifest '{manifest}'");
        }
        try
        {
            return (T)(JsonSerializer.Deserialize(bytes, type, Json) ?? throw new FormatException($"empty {manifest} {_kind}"));
        }
        catch (JsonException e)
        {
            throw new FormatException($"a {manifest} {_kind} does not decode: {e.Message}", e);
        }
    }
}
