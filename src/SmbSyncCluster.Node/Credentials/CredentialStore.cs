using System.Text;

namespace SmbSyncCluster.Node.Credentials;

/// <summary>
/// The node's secrets, by the names job specs give: <c>SMBSYNC_CREDENTIAL_&lt;NAME&gt;</c> in the environment
/// (upper case, other characters as '_'), else a file of that name in the credentials directory (a mounted
/// Secret). The default credential is <c>SMBSYNC_PASSWORD</c>, else the file <c>default</c>. Read at every
/// lookup, so a rotated secret is used from the next run on without a restart.
/// </summary>
/// <remarks>
/// Beside each secret, the servers it may be sent to: <c>SMBSYNC_CREDENTIAL_&lt;NAME&gt;_HOSTS</c> (for the default,
/// <c>SMBSYNC_PASSWORD_HOSTS</c>), else the file <c>&lt;name&gt;.hosts</c> (<c>default.hosts</c>): host names or
/// addresses separated by commas, spaces or lines, '#' starting a comment. Without one, a credential goes to any
/// server, as before host lists existed; an empty one sends it nowhere. Names that would read a host list as a
/// secret (ending in .hosts, _hosts, -hosts) are host lists, never credentials.
/// </remarks>
/// <param name="directory">The credentials directory, or null.</param>
/// <param name="environment">Reads an environment variable.</param>
public sealed class CredentialStore(string? directory, Func<string, string?> environment)
{
    private const string HostsSuffix = "_HOSTS";

    /// <summary>The password of <paramref name="name"/> (null for the default credential), or null when the node has none.</summary>
    public string? Lookup(string? name) => IsHostList(name) ? null : Read(name, "");

    /// <summary>The servers <paramref name="name"/> (null for the default credential) may be sent to, or null for any.</summary>
    public IReadOnlyList<string>? HostsOf(string? name)
    {
        if (IsHostList(name))
        {
            return [];
        }
        return Read(name, HostsSuffix) is { } list
            ? [.. list.Split('\n').Select(line => line.Split('#')[0])
                .SelectMany(line => line.Split([',', ' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))]
            : null;
    }

    /// <summary>The variable <paramref name="suffix"/> of credential <paramref name="name"/>, else its file.</summary>
    private string? Read(string? name, string suffix)
    {
        var fromEnvironment = environment((name is null ? "SMBSYNC_PASSWORD" : VariableOf(name)) + suffix);
        if (fromEnvironment is not null)
        {
            return fromEnvironment;
        }
        var file = directory is null ? null : Path.Combine(directory, (name ?? "default") + (suffix.Length == 0 ? "" : ".hosts"));
        return file is not null && File.Exists(file) ? File.ReadAllText(file).TrimEnd('\r', '\n') : null;
    }

    private static bool IsHostList(string? name) => name is not null && VariableOf(name).EndsWith(HostsSuffix, StringComparison.Ordinal);

    /// <summary>The environment variable holding credential <paramref name="name"/>.</summary>
    private static string VariableOf(string name)
    {
        var variable = new StringBuilder("SMBSYNC_CREDENTIAL_");
        foreach (var c in name)
        {
            variable.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }
        return variable.ToString();
    }
}
