using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>
/// rclone (1.60 from the OS packages, the first with an smb backend) with one remote, <c>bench:</c>, on
/// the benchmark's Samba, defined through RCLONE_CONFIG_BENCH_* variables and an empty config file so
/// that nothing of the machine's own rclone set-up takes part.
/// </summary>
internal sealed class RcloneCli
{
    private readonly string _executable;
    private readonly Dictionary<string, string> _environment;

    private RcloneCli(string executable, Dictionary<string, string> environment)
    {
        _executable = executable;
        _environment = environment;
    }

    /// <summary>rclone's first version line, e.g. "rclone v1.60.1-DEV".</summary>
    public string Version { get; private init; } = "";

    public static async Task<RcloneCli> ConfigureAsync(int port, string workDirectory)
    {
        var executable = ExternalTool.Find("rclone", "install the Debian package 'rclone' (apt-get install -y rclone)");
        var configFile = Path.Combine(workDirectory, "rclone.conf");
        await File.WriteAllTextAsync(configFile, "");
        var environment = new Dictionary<string, string> { ["RCLONE_CONFIG"] = configFile };
        // rclone takes passwords only obscured, in config and environment alike.
        var obscured = (await TimedProcess.RunAsync(executable, ["obscure", SambaServer.Password], environment)).Stdout.Trim();
        environment["RCLONE_CONFIG_BENCH_TYPE"] = "smb";
        environment["RCLONE_CONFIG_BENCH_HOST"] = "127.0.0.1";
        environment["RCLONE_CONFIG_BENCH_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["RCLONE_CONFIG_BENCH_USER"] = SambaServer.UserName;
        environment["RCLONE_CONFIG_BENCH_PASS"] = obscured;
        environment["RCLONE_CONFIG_BENCH_DOMAIN"] = SambaServer.Domain;
        var version = (await TimedProcess.RunAsync(executable, ["version"], environment)).Stdout;
        return new RcloneCli(executable, environment) { Version = version.Split('\n')[0].Trim() };
    }

    /// <summary>
    /// <c>rclone sync</c> or <c>copy</c> of <paramref name="local"/> into DIR of the share with 8 transfers;
    /// -v so that the log says whether anything was copied.
    /// </summary>
    public Task<ProcessResult> RunAsync(string verb, string local, string remoteDirectory) =>
        TimedProcess.RunAsync(_executable,
            [verb, local, $"bench:{SambaServer.ShareName}/{remoteDirectory}", "--transfers", "8", "-v"], _environment);
}
