using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SmbSyncCluster.Bench;

/// <summary>
/// One <c>smbsync node</c> process on loopback for the failover benchmark: its own HTTP and remoting
/// ports, its output in a log file (timestamped lines, read back for the phases of a failover), an HTTP
/// client on its front. <see cref="Kill"/> is SIGKILL.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly Process _process;

    private ClusterNode(Process process, string log, int port, int httpPort)
    {
        _process = process;
        LogFile = log;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    /// <summary>The member's address, as a job's <c>node</c> names it.</summary>
    public string Address => $"akka.tcp://smbsync@127.0.0.1:{Port}";

    public HttpClient Http { get; }

    public string LogFile { get; }

    public string Log
    {
        get
        {
            // The writer keeps the file open: read it shared.
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    public static ClusterNode Start(string executable, string dataDir, int port, int httpPort, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        Directory.CreateDirectory(dataDir);
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "node", "--http", $"http://127.0.0.1:{httpPort}", "--port", $"{port}", "--data-dir", dataDir }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("SMBSYNC_API_TOKEN");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var log = Path.Combine(dataDir, "node.log");
        var writer = TextWriter.Synchronized(new StreamWriter(log) { AutoFlush = true });
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {executable}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ClusterNode(process, log, port, httpPort);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"node {Address} exited with {_process.ExitCode}:\n{Log}");
            }
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"node {Address} not ready after {timeout.TotalSeconds:0}s:\n{Log}");
    }

    /// <summary>The members this node sees Up (from /metrics), 0 when it does not answer.</summary>
    public async Task<int> MembersUpAsync()
    {
        try
        {
            var metrics = await Http.GetStringAsync("/metrics");
            var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("smbsync_cluster_members{status=\"up\"}", StringComparison.Ordinal));
            return line is null ? 0 : int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>A job's view, or null when the front cannot answer (yet) or the call times out.</summary>
    public async Task<JsonElement?> TryGetJobAsync(string id, CancellationToken ct = default)
    {
        try
        {
            using var response = await Http.GetAsync($"/api/jobs/{id}", ct);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>POSTs JSON (or nothing) and returns the body; throws unless the status is <paramref name="expected"/>.</summary>
    public async Task<JsonElement> PostAsync(string path, string? json, System.Net.HttpStatusCode expected)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"POST {path} on {Address}: {(int)response.StatusCode} {body}");
        }
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>SIGKILL: the process ends at once, as when its machine is lost.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
