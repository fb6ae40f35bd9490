using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests.Jobs;

/// <summary><c>smbsync jobs</c> against a real node that wants an API token.</summary>
public sealed class JobsCliTokenTests
{
    [Fact]
    public async Task The_token_from_a_file_is_sent_and_a_missing_or_wrong_one_is_one_line_and_exit_3()
    {
        var data = Directory.CreateTempSubdirectory("smbsync-jobs-token-").FullName;
        var tokenFile = Path.Combine(data, "token");
        var wrongFile = Path.Combine(data, "wrong");
        await File.WriteAllTextAsync(tokenFile, "s3cret-token\n");
        await File.WriteAllTextAsync(wrongFile, "guess\n");
        await using var node = NodeProcess.Start(CliProcess.Executable, data, ["--api-token-file", tokenFile]);
        await node.WaitReadyAsync();
        var server = $"http://127.0.0.1:{node.HttpPort}";

        var with = await CliProcess.RunAsync(null, "jobs", "list", "--server", server, "--token-file", tokenFile);
        var without = await CliProcess.RunAsync(null, "jobs", "list", "--server", server);
        var wrong = await CliProcess.RunAsync(null, "jobs", "list", "--server", server, "--token-file", wrongFile);

        Assert.True(with.Code == 0, with.ToString());
        Assert.Equal("no jobs", with.Out.Trim());
        Assert.Equal((3, $"smbsync: {server} needs an API token: set SMBSYNC_API_TOKEN or pass --token-file"), (without.Code, without.Err.Trim()));
        Assert.Equal((3, $"smbsync: {server} refused the API token"), (wrong.Code, wrong.Err.Trim()));
        Assert.DoesNotContain("s3cret-token", with.Out + with.Err + without.Err + wrong.Err, StringComparison.Ordinal);
    }
}
