using System.Text.Json;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>The fields of the CLI's one-line <c>--json</c> summary that the benchmark checks and reports.</summary>
internal sealed record SyncSummary(int Uploaded, int Skipped, int Failed, long BytesTransferred, long DurationMs, int Moved = 0, int DeletedRemote = 0);

/// <summary>
/// Our <c>smbsync</c> executable, published from this source tree in Release, run the way a user runs
/// it: <c>smbsync sync LOCAL smb://USER@127.0.0.1:PORT/SHARE/DIR --json</c>, password in SMBSYNC_PASSWORD.
/// </summary>
internal sealed class SmbSyncCli
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _executable;
    private readonly string _share;
    private readonly Dictionary<string, string> _environment = new() { ["SMBSYNC_PASSWORD"] = SambaServer.Password };

    private SmbSyncCli(string executable, int port)
    {
        _executable = executable;
        _share = $"smb://{SambaServer.UserName}@127.0.0.1:{port}/{SambaServer.ShareName}";
    }

    /// <summary>
    /// Publishes src/SmbSyncCluster.Node beside the benchmark's own binaries (incremental after the
    /// first time), so that what is measured is this tree's code as a user gets it, not a stale build.
    /// </summary>
    public static async Task<SmbSyncCli> PublishAsync(int port) => new(await PublishExecutableAsync(), port);

    /// <summary>Publishes as <see cref="PublishAsync"/> does and returns the executable's path.</summary>
    public static async Task<string> PublishExecutableAsync()
    {
        var repository = FindRepositoryRoot();
        var output = Path.Combine(AppContext.BaseDirectory, "smbsync-cli");
        // The same precompiled build the ./smbsync launcher runs.
        await TimedProcess.RunAsync("bash", [Path.Combine(repository, "scripts", "publish.sh"), output]);
        return Path.Combine(output, "smbsync");
    }

    /// <summary>One <c>smbsync sync</c> of <paramref name="local"/> into DIR of the share, in upload mode with the default 8 workers.</summary>
    public async Task<(ProcessResult Process, SyncSummary Summary)> UploadAsync(string local, string remoteDirectory, string dataDirectory)
    {
        var result = await TimedProcess.RunAsync(_executable,
            ["sync", local, $"{_share}/{remoteDirectory}", "--mode", "upload", "--json", "--data-dir", dataDirectory], _environment);
        var summary = JsonSerializer.Deserialize<SyncSummary>(result.Stdout, Json)
            ?? throw new InvalidOperationException($"smbsync printed no summary: {result.Stdout}{result.Stderr}");
        return (result, summary);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmbSyncCluster.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no SmbSyncCluster.sln above {AppContext.BaseDirectory}: run the benchmark from its source tree");
    }
}
