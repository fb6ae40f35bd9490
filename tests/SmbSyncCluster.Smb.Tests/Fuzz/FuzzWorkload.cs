using System.Text;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Fuzz;

/// <summary>
/// What the fuzzed client does, the same way every time: connect, list a directory of a few dozen
/// files, stat one (compound CREATE + QUERY_INFO + CLOSE), read it, write another, disconnect.
/// </summary>
internal static class FuzzWorkload
{
    public const string Directory = "listing";
    public const int FileCount = 40;
    private const string Written = Directory + "/written.bin";
    private static readonly DateTime Clock = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    /// <summary>Fills <paramref name="shareRoot"/> with the directory the workload lists.</summary>
    public static void Populate(string shareRoot)
    {
        var dir = Path.Combine(shareRoot, Directory);
        System.IO.Directory.CreateDirectory(dir);
        for (var i = 0; i < FileCount; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"file-{i:D2}-with-a-longer-name.txt"), $"content of file {i}");
        }
    }

    /// <summary>
    /// Options that make every run send the same requests: NTLM with a fixed client challenge, session key
    /// and clock. Under SMB 3.0.2 (no pre-authentication hash over the random NEGOTIATE) the session keys,
    /// and with them the signatures, are those of the recorded logon too.
    /// </summary>
    public static SmbClientOptions Options(int port, bool requireSigning, TimeSpan requestTimeout, Smb2Dialect dialect = Smb2Dialect.Smb302) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Credentials = new SmbCredentials(SambaServer.Domain, SambaServer.UserName, SambaServer.Password),
        Dialects = [dialect],
        RequireSigning = requireSigning,
        RequestTimeout = requestTimeout,
        AuthenticatorFactory = c => new NtlmAuthenticator(c, "FUZZ", "cifs/127.0.0.1", n => Enumerable.Repeat((byte)0x5A, n).ToArray(), () => Clock),
    };

    /// <summary>Runs the workload and sums up what the client saw.</summary>
    public static async Task<string> RunAsync(SmbClientOptions options)
    {
        await using var client = await SmbShareClient.ConnectAsync(options, SambaServer.ShareName);
        var entries = await client.ListAsync(Directory);
        var first = $"{Directory}/{entries.Min(e => e.Name)}";
        var stat = await client.StatAsync(first);
        var content = await client.ReadAllBytesAsync(first);
        await client.WriteAllBytesAsync(Written, Encoding.UTF8.GetBytes("written by the workload"));
        return $"{entries.Count} entries; {first}: {stat.Size} bytes, '{Encoding.UTF8.GetString(content)}'";
    }
}
