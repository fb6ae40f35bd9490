using Npgsql;
using SmbSyncCluster.Node.Cli;

namespace SmbSyncCluster.Node.Hosting;

/// <summary>
/// The TLS options a PostgreSQL <c>--db</c> URL may carry, named as libpq names them: <c>sslmode</c> (disable, allow,
/// prefer, require, verify-ca, verify-full) and <c>sslrootcert</c> (the authority the server's certificate must chain
/// to). Anything else in the query is refused, so that a misspelt option is not silently ignored.
/// </summary>
internal static class PostgresTls
{
    private static readonly Dictionary<string, SslMode> Modes = new(StringComparer.Ordinal)
    {
        ["disable"] = SslMode.Disable,
        ["allow"] = SslMode.Allow,
        ["prefer"] = SslMode.Prefer,
        ["require"] = SslMode.Require,
        ["verify-ca"] = SslMode.VerifyCA,
        ["verify-full"] = SslMode.VerifyFull,
    };

    /// <summary>Sets <paramref name="builder"/>'s TLS from <paramref name="query"/> (a URL's query, with or without its '?').</summary>
    public static void Apply(string query, NpgsqlConnectionStringBuilder builder)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = pair.Split('=', 2) is [var n, var v] ? (n, Uri.UnescapeDataString(v)) : (pair, "");
            switch (name)
            {
                case "sslmode" when Modes.TryGetValue(value, out var mode):
                    builder.SslMode = mode;
                    break;
                case "sslmode":
                    throw new UsageException($"--db: sslmode '{value}' is not one of {string.Join(", ", Modes.Keys)}");
                case "sslrootcert" when File.Exists(value):
                    builder.RootCertificate = Path.GetFullPath(value);
                    break;
                case "sslrootcert":
                    throw new UsageException($"--db: sslrootcert '{value}' is not a file");
                default:
                    throw new UsageException($"--db: '{name}' is not an option the node takes (sslmode, sslrootcert)");
            }
        }
    }
}
