using System.Diagnostics;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>What one run of an external program printed, and how long it took from start to exit.</summary>
internal sealed record ProcessResult(TimeSpan Wall, string Stdout, string Stderr);

/// <summary>
/// Runs a program to completion and times the whole process, start-up and shutdown included, as the
/// person who typed the command waits for it. A failed or hung run throws: it must not count as a time.
/// </summary>
internal static class TimedProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        // Untimed: write back what earlier runs left dirty (gigabytes after the large-file runs), so
        // that no run pays for the disk writes of the one before it.
        ExternalTool.Run(ExternalTool.Find("sync", "install the Debian package 'coreutils'"), []);
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(psi)} did not finish in {Timeout.TotalMinutes:0} minutes");
        }
        var wall = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Describe(psi)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
        return new ProcessResult(wall, await stdout, await stderr);
    }

    private static string Describe(ProcessStartInfo psi) => $"{Path.GetFileName(psi.FileName)} {string.Join(' ', psi.ArgumentList)}";
}
