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
/// <c>SMBSYNC_PASSWORD_HOSTS</c>), else the file <c>&lt;name&gt;.hosts</c> (<c>default.hosts</c>; for a password from the
/// environment, that of every spelling of the name mapping to its variable): host names or
/// addresses separated by commas, spaces or lines, '#' starting a comment. Without one, a credential goes to any
/// server, as before host lists existed; an empty one sends it nowhere. Names that would read a host list as a
/// secret (ending in .hosts, _hosts, -hosts) are host lists, never credentials.
/// </remarks>
/// <param name="directory">The credentials directory, or null.</param>
/// <param name="environment">Reads an environment variable.</param>
public sealed class CredentialStore(string? directory, Func<string, string?> environment)
{
    private const string HostsSuffix = "_HOSTS";
    private const string HostsFile = ".hosts";

    /// <summary>The password of <paramref name="name"/> (null for the default credential), or null when the node has none.</summary>
    public string? Lookup(string? name)
    {
        if (IsHostList(name))
        {
            return null;
        }
        var file = directory is null ? null : Path.Combine(directory, name ?? "default");
        return environment(VariableOf(name)) ?? (file is not null && File.Exists(file) ? File.ReadAllText(file).TrimEnd('\r', '\n') : null);
    }

    /// <summary>The servers <paramref name="name"/> (null for the default credential) may be sent to, or null for any.</summary>
    public IReadOnlyList<string>? HostsOf(string? name)
    {
        if (IsHostList(name))
        {
            return [];
        }
        if (environment(VariableOf(name) + HostsSuffix) is { } listed)
        {
            return Hosts(listed);
        }
        var files = HostFiles(name);
        return files.Count == 0
            ? null
            : files.Select(file => Hosts(File.ReadAllText(file))).Aggregate((all, more) => [.. all.Intersect(more, StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>
    /// The files listing <paramref name="name"/>'s servers: its own. A password from the environment is found by every
    /// spelling of the name that maps to its variable ("audit", "AUDIT", "Audit"): then the list of each such spelling
    /// applies (all of them), or a spec spelling the name otherwise would send the password anywhere.
    /// </summary>
    private List<string> HostFiles(string? name)
    {
        if (directory is null || !Directory.Exists(directory))
        {
            return [];
        }
        if (name is null || environment(VariableOf(name)) is null)
        {
            var own = Path.Combine(directory, (name ?? "default") + HostsFile);
            return File.Exists(own) ? [own] : [];
        }
        return [.. Directory.EnumerateFiles(directory, "*" + HostsFile)
            .Where(file => VariableOf(Path.GetFileName(file)[..^HostsFile.Length]) == VariableOf(name))];
    }

    /// <summary>Host names or addresses separated by commas, spaces or lines, '#' starting a comment.</summary>
    private static List<string> Hosts(string list) =>
        [.. list.Split('\n').Select(line => line.Split('#')[0]).SelectMany(line => line.Split([',', ' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))];

    private static bool IsHostList(string? name) => name is not null && VariableOf(name).EndsWith(HostsSuffix, StringComparison.Ordinal);

    /// <summary>The environment variable holding credential <paramref name="name"/> (null: the default one).</summary>
    private static string VariableOf(string? name)
    {
        if (name is null)
        {
            return "SMBSYNC_PASSWORD";
        }
        var variable = new StringBuilder("SMBSYNC_CREDENTIAL_");
        foreach (var c in name)
        {
            variable.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }
        return variable.ToString();
    }
}
