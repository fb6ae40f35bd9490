using System.Diagnostics;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>The demo's own help, as for every verb: asking for it must not start the demo.</summary>
public sealed class DemoScriptTests
{
    [Theory]
    [InlineData("--help", 0, "Usage: ./smbsync demo")]
    [InlineData("--bogus", 2, "takes no arguments")]
    public async Task The_demo_answers_help_and_refuses_arguments_without_starting(string argument, int code, string said)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "demo.sh"), argument])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var demo = Process.Start(start)!;
        var (stdout, stderr) = (demo.StandardOutput.ReadToEndAsync(), demo.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await demo.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;

        Assert.Equal(code, demo.ExitCode);
        Assert.Contains(said, output, StringComparison.Ordinal);
        Assert.DoesNotContain("smbd", output, StringComparison.Ordinal);
    }
}
