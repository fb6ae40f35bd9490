using SmbSyncCluster.Node.Cli;

namespace SmbSyncCluster.Node.Tests;

public sealed class CommandLineTests
{
    /// <summary>Runs the CLI in this process, as <c>smbsync ARGS</c> would, capturing what it writes.</summary>
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Help_lists_every_verb()
    {
        var (code, output, _) = Run("--help");

        Assert.Equal(0, code);
        foreach (var verb in new[] { "smbsync sync", "smbsync node", "smbsync jobs", "smbsync demo" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_verbs_and_bad_sync_arguments_exit_2_with_one_line()
    {
        var (unknown, _, unknownErr) = Run("frobnicate");
        var (bad, _, badErr) = Run("sync", "/no/such/dir", "smb://nas/share");

        Assert.Equal((2, 2), (unknown, bad));
        Assert.Single(unknownErr.TrimEnd().Split('\n'));
        Assert.Equal("smbsync: local path '/no/such/dir' does not exist or is not a directory", badErr.TrimEnd());
    }

    [Fact]
    public void A_local_remote_holding_the_local_directory_exits_2()
    {
        var parent = Directory.CreateTempSubdirectory("smbsync-cli-").FullName;
        var inside = Directory.CreateDirectory(Path.Combine(parent, "inside")).FullName;

        var (code, _, err) = Run("sync", inside, parent, "--data-dir", Path.Combine(parent, "data"));

        Assert.Equal(2, code);
        Assert.Contains("overlaps", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(parent, "data")));
    }

    [Fact]
    public void A_password_given_in_the_url_is_never_echoed()
    {
        var local = Directory.CreateTempSubdirectory("smbsync-cli-").FullName;

        var dataDir = Directory.CreateTempSubdirectory("smbsync-data-").FullName;

        var (_, output, err) = Run("sync", local, $"smb://u:hunter2@127.0.0.1:{Testing.FreePort.Next()}/share", "--data-dir", dataDir);

        Assert.DoesNotContain("hunter2", output + err, StringComparison.Ordinal);
    }
}
