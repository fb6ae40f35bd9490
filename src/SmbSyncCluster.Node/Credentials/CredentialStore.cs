using System.Text;

namespace SmbSyncCluster.Node.Credentials;

/// <summary>
/// The node's secrets, by the names job specs give: <c>SMBSYNC_CREDENTIAL_&lt;NAME&gt;</c> in the environment
/// (upper case, other characters as '_'), else a file of that name in the credentials directory (a mounted
/// Secret). The default credential is <c>SMBSYNC_PASSWORD</c>, else the file <c>default</c>. Read at every
/// lookup, so a rotated secret is used from the next run on without a restart.
/// </summary>
/// <param name="directory">The credentials directory, or null.</param>
/// <param name="environment">Reads an environment variable.</param>
public sealed class CredentialStore(string? directory, Func<string, string?> environment)
{
    /// <summary>The password of <paramref name="name"/> (null for the default credential), or null when the node has none.</summary>
    public string? Lookup(string? name)
    {
        var fromEnvironment = environment(name is null ? "SMBSYNC_PASSWORD" : VariableOf(name));
        if (fromEnvironment is not null)
        {
            return fromEnvironment;
        }
        var file = directory is null ? null : Path.Combine(directory, name ?? "default");
        return file is not null && File.Exists(file) ? File.ReadAllText(file).TrimEnd('\r', '\n') : null;
    }

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
