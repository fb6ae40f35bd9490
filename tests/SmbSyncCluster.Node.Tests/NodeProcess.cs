using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmbSyncCluster.Node.Reports;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// An <c>smbsync node</c> process on loopback (its own HTTP and remoting ports), with its output in a log
/// file for the failure messages and an HTTP client on its front. SIGKILL and SIGTERM are real signals.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _log;

    private NodeProcess(Process process, string log, int httpPort, int port, string? token)
    {
        _process = process;
        _log = log;
        HttpPort = httpPort;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public int HttpPort { get; }

    public int Port { get; }

    /// <summary>The member's address, as the HTTP front reports it in a job's <c>node</c>.</summary>
    public string Address => $"akka.tcp://smbsync@127.0.0.1:{Port}";

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public string Log => File.Exists(_log) ? File.ReadAllText(_log) : "";

    /// <summary>Starts a node; <paramref name="args"/> come after <c>node --http ... --port ...</c>.</summary>
    public static NodeProcess Start(string dataDir, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, int? port = null, string? token = null)
    {
        Directory.CreateDirectory(dataDir);
        var httpPort = FreePort.Next();
        var remotingPort = port ?? FreePort.Next();
        var info = new ProcessStartInfo(CliProcess.Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "node", "--http", $"http://127.0.0.1:{httpPort}", "--port", $"{remotingPort}", "--data-dir", dataDir }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("SMBSYNC_PASSWORD");
        info.Environment.Remove("SMBSYNC_API_TOKEN");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var log = Path.Combine(dataDir, $"node-{remotingPort}-{DateTime.UtcNow:HHmmssfff}.log");
        var process = Process.Start(info)!;
        var writer = TextWriter.Synchronized(new StreamWriter(log) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(process, log, httpPort, remotingPort, token);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (member Up, journal answering).</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"node on port {Port} exited with {_process.ExitCode}:\n{Log}");
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
        throw new TimeoutException($"node on port {Port} not ready:\n{Log}");
    }

    /// <summary>SIGKILL: the process ends at once, as when its machine is lost.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then waits for the process to leave the cluster and exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) =>
        Http.PostAsync(path, JsonContent.Create(body, body.GetType(), options: NodeJson.Options));

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
