using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SmbSyncCluster.Testing;

/// <summary>
/// An <c>smbsync node</c> process on loopback (its own HTTP and remoting ports), with its output in a log
/// file (read back for failure messages and, by the failover benchmark, for the dated phases of a failover)
/// and an HTTP client on its front. SIGKILL and SIGTERM are real signals.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Process _process;

    private NodeProcess(Process process, string log, int httpPort, int port, string? token, string protocol)
    {
        _process = process;
        Protocol = protocol;
        LogFile = log;
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

    /// <summary>akka.ssl.tcp for a node started with <c>--tls-cert</c>, else akka.tcp.</summary>
    public string Protocol { get; }

    /// <summary>The member's address, as the HTTP front reports it in a job's <c>node</c>.</summary>
    public string Address => $"{Protocol}://smbsync@127.0.0.1:{Port}";

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public string LogFile { get; }

    /// <summary>What the node printed so far (the writer keeps the file open: it is read shared).</summary>
    public string Log
    {
        get
        {
            if (!File.Exists(LogFile))
            {
                return "";
            }
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    /// <summary>
    /// Starts <paramref name="executable"/> as <c>node --http ... --port ... --data-dir ...</c> followed by
    /// <paramref name="args"/>; <paramref name="token"/> is what the HTTP client sends.
    /// </summary>
    public static NodeProcess Start(
        string executable, string dataDir, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, int? port = null, string? token = null)
    {
        Directory.CreateDirectory(dataDir);
        var httpPort = FreePort.Next();
        var remotingPort = port ?? FreePort.Next();
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        var arguments = new[] { "node", "--http", $"http://127.0.0.1:{httpPort}", "--port", $"{remotingPort}", "--data-dir", dataDir }.Concat(args).ToList();
        foreach (var arg in arguments)
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
        var writer = TextWriter.Synchronized(new StreamWriter(log) { AutoFlush = true });
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {executable}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(process, log, httpPort, remotingPort, token, arguments.Contains("--tls-cert") ? "akka.ssl.tcp" : "akka.tcp");
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (member Up, journal answering).</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
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
        throw new TimeoutException($"node {Address} not ready:\n{Log}");
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
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>GETs JSON; throws with the status and body unless it succeeds.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"GET {path} on {Address}: {(int)response.StatusCode} {body}");
    }

    /// <summary>POSTs <paramref name="body"/> as JSON (camelCase).</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) =>
        Http.PostAsync(path, JsonContent.Create(body, body.GetType(), options: Json));

    /// <summary>POSTs <paramref name="body"/> (or nothing) and returns the answer's JSON; throws unless the status is <paramref name="expected"/>.</summary>
    public async Task<JsonElement> PostExpectingAsync(string path, object? body, HttpStatusCode expected)
    {
        using var response = body is null ? await Http.PostAsync(path, null) : await PostJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == expected
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"POST {path} on {Address}: {(int)response.StatusCode} {text}");
    }

    /// <summary>Polls the job until its last run is <paramref name="runId"/>; returns the job's view.</summary>
    public async Task<JsonElement> WaitForRunAsync(string id, string runId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (DateTime.UtcNow < deadline)
        {
            var job = await GetJsonAsync($"/api/jobs/{id}");
            if (job.GetProperty("lastRun") is { ValueKind: JsonValueKind.Object } last && last.GetProperty("runId").GetString() == runId)
            {
                return job;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"run {runId} of {id} did not end:\n{Log}");
    }

    /// <summary>
    /// Opens the job's event stream (<c>/api/jobs/{id}/events</c>) and waits for its first event; the task
    /// returned ends with the first event whose <c>lastRun</c> is <paramref name="runId"/>, and fails if the stream ends before.
    /// </summary>
    public async Task<Task<JsonElement>> FollowEventsAsync(string id, string runId, CancellationToken ct)
    {
        var response = await Http.GetAsync($"/api/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        await NextEventAsync(reader, ct);
        return UntilRunEndsAsync(response, reader, runId, ct);
    }

    private static async Task<JsonElement> UntilRunEndsAsync(HttpResponseMessage response, StreamReader reader, string runId, CancellationToken ct)
    {
        using (response)
        using (reader)
        {
            while (true)
            {
                var job = await NextEventAsync(reader, ct);
                if (job.GetProperty("lastRun") is { ValueKind: JsonValueKind.Object } last && last.GetProperty("runId").GetString() == runId)
                {
                    return job;
                }
            }
        }
    }

    /// <summary>The job resource of the stream's next event.</summary>
    private static async Task<JsonElement> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }
        throw new InvalidOperationException("the event stream ended");
    }

    /// <summary>Starts a run of the job, waits for it to end and returns its summary (<c>lastRun</c>).</summary>
    public async Task<JsonElement> RunAsync(string id)
    {
        var runId = (await PostExpectingAsync($"/api/jobs/{id}/sync", null, HttpStatusCode.Accepted)).GetProperty("runId").GetString()!;
        return (await WaitForRunAsync(id, runId)).GetProperty("lastRun");
    }

    /// <summary>A job's view, or null when the front cannot answer (yet) or the call times out.</summary>
    public async Task<JsonElement?> TryGetJobAsync(string id, CancellationToken ct = default)
    {
        try
        {
            using var response = await Http.GetAsync($"/api/jobs/{id}", ct);
            return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
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
