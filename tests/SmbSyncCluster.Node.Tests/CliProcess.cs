using System.Diagnostics;
using System.Text.Json;

namespace SmbSyncCluster.Node.Tests;

/// <summary>The smbsync executable built beside the tests, run as a separate process as users run it.</summary>
internal static class CliProcess
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "smbsync");

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string? password)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("SMBSYNC_PASSWORD");
        info.Environment.Remove("SMBSYNC_SERVER"); // the jobs verbs are told their server and token by each test
        info.Environment.Remove("SMBSYNC_API_TOKEN");
        if (password is not null)
        {
            info.Environment["SMBSYNC_PASSWORD"] = password;
        }
        return info;
    }

    public static Task<CliResult> RunAsync(string? password, params string[] args) => RunAsync(StartInfo(args, password));

    public static async Task<CliResult> RunAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>What a CLI process printed and returned.</summary>
internal sealed record CliResult(int Code, string Out, string Err)
{
    /// <summary>The --json summary line.</summary>
    public JsonElement Summary => JsonDocument.Parse(Out.Trim()).RootElement;

    public int Count(string field) => Summary.GetProperty(field).GetInt32();

    public override string ToString() => $"exit {Code}\nstdout: {Out}\nstderr: {Err}";
}
