using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SmbSyncCluster.Cluster.Limits;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Http;
using SmbSyncCluster.Node.Reports;

namespace SmbSyncCluster.Node.Cli.Jobs;

/// <summary>A successful answer: the body read into <typeparamref name="T"/>, and as the server wrote it (for --json).</summary>
internal sealed record ApiResult<T>(T Value, string Json);

/// <summary>
/// The job API of a node's HTTP front, as the CLI calls it. Every failure becomes a
/// <see cref="JobsApiException"/> carrying the CLI's exit code: 2 for a 400 (one line per invalid field),
/// 3 for the rest (401, 404, 409, 5xx, no answer).
/// </summary>
internal sealed class JobsClient : IDisposable
{
    /// <summary>How long a call may take; the event stream, open by design, only has to keep talking (<see cref="StreamIdleTimeout"/>).</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The longest silence of an event stream taken as alive: the node sends a keep-alive every 15 s.</summary>
    private static readonly TimeSpan StreamIdleTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;

    /// <param name="server">The node's base URL (any path under it is kept: a front behind a proxy prefix).</param>
    /// <param name="token">The API token, sent as a bearer token when set.</param>
    /// <param name="handler">The transport; tests pass an in-process one.</param>
    public JobsClient(Uri server, string? token, HttpMessageHandler handler)
    {
        Server = server.GetLeftPart(UriPartial.Path).TrimEnd('/');
        // Relative paths resolve under the base only when it ends with '/'. Timeouts are per call: the
        // event stream must outlive any fixed limit.
        _http = new HttpClient(handler) { BaseAddress = new Uri(Server + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The base URL, for messages.</summary>
    public string Server { get; }

    public Task<ApiResult<IReadOnlyList<JobResource>>> ListAsync(CancellationToken ct) =>
        CallAsync<IReadOnlyList<JobResource>>(HttpMethod.Get, "api/jobs", null, ct);

    public Task<ApiResult<JobResource>> GetAsync(string jobId, CancellationToken ct) =>
        CallAsync<JobResource>(HttpMethod.Get, JobPath(jobId), null, ct);

    public Task<ApiResult<JobResource>> CreateAsync(JobSpec spec, CancellationToken ct) =>
        CallAsync<JobResource>(HttpMethod.Post, "api/jobs", JsonContent.Create(spec, options: NodeJson.Options), ct);

    public Task<ApiResult<JobResource>> UpdateAsync(JobSpec spec, CancellationToken ct) =>
        CallAsync<JobResource>(HttpMethod.Put, JobPath(spec.Id), JsonContent.Create(spec, options: NodeJson.Options), ct);

    public Task DeleteAsync(string jobId, CancellationToken ct) => CallAsync(HttpMethod.Delete, JobPath(jobId), null, ct);

    public Task<ApiResult<RunAccepted>> SyncAsync(string jobId, bool dryRun, bool force, CancellationToken ct)
    {
        var query = string.Join('&', new[] { dryRun ? "dryRun=true" : null, force ? "force=true" : null }.OfType<string>());
        return CallAsync<RunAccepted>(HttpMethod.Post, JobPath(jobId, "sync") + (query.Length > 0 ? "?" + query : ""), null, ct);
    }

    public Task<ApiResult<RunAccepted>> ControlAsync(string jobId, RunControl control, CancellationToken ct) =>
        CallAsync<RunAccepted>(HttpMethod.Post, JobPath(jobId, control.WireName), null, ct);

    public Task<ApiResult<IReadOnlyList<VersionResource>>> VersionsAsync(string jobId, string path, CancellationToken ct) =>
        CallAsync<IReadOnlyList<VersionResource>>(HttpMethod.Get, JobPath(jobId, "versions") + "?path=" + Uri.EscapeDataString(path), null, ct);

    public Task<ApiResult<RestoreResource>> RestoreAsync(string jobId, RestoreRequest request, CancellationToken ct) =>
        CallAsync<RestoreResource>(HttpMethod.Post, JobPath(jobId, "restore"), JsonContent.Create(request, options: NodeJson.Options), ct);

    public Task<ApiResult<IReadOnlyList<RunReport>>> HistoryAsync(string jobId, CancellationToken ct) =>
        CallAsync<IReadOnlyList<RunReport>>(HttpMethod.Get, JobPath(jobId, "history"), null, ct);

    /// <summary>
    /// The job as it changes: its state when the stream opens, then once per change, until the caller
    /// stops enumerating or the server closes the stream. A connection lost on the way ends in a
    /// <see cref="JobsApiException"/>.
    /// </summary>
    public async IAsyncEnumerable<JobResource> EventsAsync(string jobId, [EnumeratorCancellation] CancellationToken ct)
    {
        var path = JobPath(jobId, "events");
        using var response = await WithTimeoutAsync(t => SendAsync(HttpMethod.Get, path, null, stream: true, t), ct);
        await using var stream = new IdleTimeoutStream(await response.Content.ReadAsStreamAsync(ct), StreamIdleTimeout);
        await using var events = SseParser.Create(stream).EnumerateAsync(ct).GetAsyncEnumerator(ct);
        while (true)
        {
            bool more;
            try
            {
                more = await events.MoveNextAsync();
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw new JobsApiException(ExitCodes.Refused, $"lost the event stream of job '{jobId}' from {Server}: {e.Message}");
            }
            if (!more)
            {
                yield break;
            }
            if (events.Current.EventType == "job")
            {
                yield return Read<JobResource>(events.Current.Data, path);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    public Task<ApiResult<JobStatistics>> StatisticsAsync(string jobId, CancellationToken ct) =>
        CallAsync<JobStatistics>(HttpMethod.Get, JobPath(jobId, "statistics"), null, ct);

    public Task<ApiResult<ClusterStatistics>> ClusterStatisticsAsync(CancellationToken ct) =>
        CallAsync<ClusterStatistics>(HttpMethod.Get, "api/statistics", null, ct);

    public Task<ApiResult<IReadOnlyList<ServerLimitView>>> ServersAsync(CancellationToken ct) =>
        CallAsync<IReadOnlyList<ServerLimitView>>(HttpMethod.Get, "api/servers", null, ct);

    public Task<ApiResult<ServerLimitView>> SetServerLimitAsync(string host, int maxTransfers, CancellationToken ct) =>
        CallAsync<ServerLimitView>(HttpMethod.Put, "api/servers/" + Uri.EscapeDataString(host) + "/limits",
            JsonContent.Create(new ServerRoutes.ServerLimitRequest(maxTransfers), options: NodeJson.Options), ct);

    private static string JobPath(string jobId, string? action = null) =>
        "api/jobs/" + Uri.EscapeDataString(jobId) + (action is null ? "" : "/" + action);

    private async Task<ApiResult<T>> CallAsync<T>(HttpMethod method, string path, HttpContent? body, CancellationToken ct)
    {
        var json = await CallAsync(method, path, body, ct);
        return new ApiResult<T>(Read<T>(json, path), json);
    }

    private Task<string> CallAsync(HttpMethod method, string path, HttpContent? body, CancellationToken ct) =>
        WithTimeoutAsync(async t =>
        {
            using var response = await SendAsync(method, path, body, stream: false, t);
            return await response.Content.ReadAsStringAsync(t);
        }, ct);

    private async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CallTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new JobsApiException(ExitCodes.Refused, $"{Server} did not answer within {CallTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// Sends the request and returns the answer once its headers (<paramref name="stream"/>) or its whole
    /// body are in; an answer other than 2xx becomes a <see cref="JobsApiException"/>.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? body, bool stream, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream ? "text/event-stream" : "application/json"));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new JobsApiException(ExitCodes.Refused, $"cannot reach {Server}: {Reason(e)}");
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw Failure(response.StatusCode, await response.Content.ReadAsStringAsync(ct), method, path);
        }
    }

    /// <summary>What a failed answer tells the user: the invalid fields one per line, else the problem's detail.</summary>
    private JobsApiException Failure(HttpStatusCode status, string body, HttpMethod method, string path)
    {
        var code = status == HttpStatusCode.BadRequest ? ExitCodes.Usage : ExitCodes.Refused;
        if (status == HttpStatusCode.Unauthorized)
        {
            // The server cannot know how this CLI takes its token; say it here.
            return new JobsApiException(code, _http.DefaultRequestHeaders.Authorization is null
                ? $"{Server} needs an API token: set SMBSYNC_API_TOKEN or pass --token-file"
                : $"{Server} refused the API token");
        }
        var problem = Problem(body);
        if (problem?.Errors is { Count: > 0 } errors)
        {
            return new JobsApiException(code, [.. errors.SelectMany(field => field.Value.Select(reason => $"{field.Key}: {reason}"))]);
        }
        return new JobsApiException(code, problem?.Detail ?? problem?.Title
            ?? string.Create(CultureInfo.InvariantCulture, $"{Server} answered {(int)status} {status} to {method} /{path}"));
    }

    private static ApiProblem? Problem(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize<ApiProblem>(body, NodeJson.Options);
        }
        catch (JsonException)
        {
            return null; // not problem+json (a proxy's HTML page, say): the status line says enough
        }
    }

    private T Read<T>(string json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, NodeJson.Options) ?? throw new JsonException("null body");
        }
        catch (JsonException e)
        {
            throw new JobsApiException(ExitCodes.Refused, $"{Server}/{path} answered something this smbsync does not understand: {e.Message}");
        }
    }

    /// <summary>"connection refused" rather than "Connection refused (127.0.0.1:8080)": the URL is already in the line.</summary>
    private static string Reason(HttpRequestException e)
    {
        var message = e.InnerException is SocketException socket ? socket.Message : e.Message;
        return message.Length == 0 ? e.HttpRequestError.ToString() : char.ToLowerInvariant(message[0]) + message[1..];
    }
}
