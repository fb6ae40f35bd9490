using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// What a web page on another site can make the user's browser send to a node on loopback with no token, sent
/// for real to a node process: each is refused, and nothing it asked for happened.
/// </summary>
public sealed class CrossSiteTests(GuardedNodeFixture fixture) : IClassFixture<GuardedNodeFixture>
{
    private const string Evil = "http://evil.example";

    private string OwnOrigin => $"http://127.0.0.1:{fixture.Node.HttpPort}";

    /// <summary>Sends a request with the headers a browser would add; <paramref name="body"/> null sends none.</summary>
    private async Task<(HttpStatusCode Status, string Body, string? Type)> SendAsync(
        HttpMethod method, string path, string? body = null, string? contentType = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await fixture.Node.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpStatusCode> JobStatusAsync(string id)
    {
        using var response = await fixture.Node.Http.GetAsync($"/api/jobs/{id}");
        return response.StatusCode;
    }

    [Fact]
    public async Task A_no_cors_text_plain_post_defining_a_job_is_a_415_and_defines_nothing()
    {
        // fetch(url, {method: 'POST', mode: 'no-cors', body: JSON.stringify(spec)}) sends text/plain, without a preflight.
        var (local, copy) = fixture.NewPair();
        var id = GuardedNodeFixture.NewId();

        var plain = await SendAsync(HttpMethod.Post, "/api/jobs", GuardedNodeFixture.Spec(id, local, copy), "text/plain;charset=UTF-8");
        var form = await SendAsync(HttpMethod.Post, "/api/jobs", "", "application/x-www-form-urlencoded");

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "application/problem+json"), (plain.Status, plain.Type));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.Status);
        Assert.Equal(HttpStatusCode.NotFound, await JobStatusAsync(id));
    }

    [Fact]
    public async Task A_text_plain_or_form_post_to_a_route_that_reads_no_body_starts_no_run()
    {
        // The routes that read a spec declare JSON; sync, pause, delete... read none, so the body's type is checked for all.
        var (local, copy) = fixture.NewPair();
        var id = GuardedNodeFixture.NewId();
        await fixture.CreateAsync(id, local, copy);

        var plain = await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/sync", "go", "text/plain;charset=UTF-8");
        var form = await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/sync", "", "application/x-www-form-urlencoded");
        var delete = await SendAsync(HttpMethod.Delete, $"/api/jobs/{id}", "x", "text/plain");
        await Task.Delay(500);
        var job = await fixture.Node.GetJsonAsync($"/api/jobs/{id}");

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType), (plain.Status, form.Status, delete.Status));
        Assert.Equal("idle", job.GetProperty("status").GetString());
        Assert.False(Directory.Exists(copy), "no run copied anything");
    }

    public static TheoryData<string, string> CrossSiteHeaders => new()
    {
        { "Origin", Evil },
        { "Origin", "null" },
        { "Sec-Fetch-Site", "cross-site" },
        { "Sec-Fetch-Site", "same-site" },
    };

    [Theory]
    [MemberData(nameof(CrossSiteHeaders))]
    public async Task A_json_definition_from_another_origin_is_a_403_and_defines_nothing(string header, string value)
    {
        var (local, copy) = fixture.NewPair();
        var id = GuardedNodeFixture.NewId();

        var refused = await SendAsync(HttpMethod.Post, "/api/jobs", GuardedNodeFixture.Spec(id, local, copy), "application/json", (header, value));

        Assert.True(refused.Status == HttpStatusCode.Forbidden, refused.Body);
        Assert.Equal("application/problem+json", refused.Type);
        Assert.Equal(HttpStatusCode.NotFound, await JobStatusAsync(id));
    }

    [Fact]
    public async Task A_bodiless_cross_site_post_does_not_start_a_run()
    {
        var (local, copy) = fixture.NewPair();
        var id = GuardedNodeFixture.NewId();
        await fixture.CreateAsync(id, local, copy);

        // What <form method=post action=".../sync"> or fetch(..., {method:'POST', mode:'no-cors'}) sends from evil.example.
        var fetched = await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/sync", headers: [("Origin", Evil), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "no-cors")]);
        var legacy = await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/sync", headers: [("Origin", Evil)]);
        await Task.Delay(500);
        var job = await fixture.Node.GetJsonAsync($"/api/jobs/{id}");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (fetched.Status, legacy.Status));
        Assert.Equal("idle", job.GetProperty("status").GetString());
        Assert.False(Directory.Exists(copy), "no run copied anything");
    }

    [Fact]
    public async Task The_nodes_own_origin_and_clients_without_browser_headers_are_served()
    {
        var (local, copy) = fixture.NewPair();
        var id = GuardedNodeFixture.NewId();

        var sameOrigin = await SendAsync(HttpMethod.Post, "/api/jobs", GuardedNodeFixture.Spec(id, local, copy), "application/json; charset=utf-8",
            ("Origin", OwnOrigin), ("Sec-Fetch-Site", "same-origin"));
        var started = await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/sync");
        var typed = await SendAsync(HttpMethod.Get, "/api/jobs", headers: [("Sec-Fetch-Site", "none"), ("Host", $"localhost:{fixture.Node.HttpPort}")]);

        Assert.True(sameOrigin.Status == HttpStatusCode.Created, sameOrigin.Body);
        Assert.True(started.Status == HttpStatusCode.Accepted, started.Body);
        Assert.Equal(HttpStatusCode.OK, typed.Status);
    }

    [Fact]
    public async Task Behind_a_proxy_the_public_name_and_origin_and_the_allowed_names_are_served()
    {
        var (local, copy) = fixture.NewPair();
        var id = GuardedNodeFixture.NewId();

        var proxied = await SendAsync(HttpMethod.Post, "/api/jobs", GuardedNodeFixture.Spec(id, local, copy), "application/json",
            ("Host", "sync.example.com"), ("Origin", GuardedNodeFixture.PublicUrl), ("Sec-Fetch-Site", "same-origin"));
        var internalName = await SendAsync(HttpMethod.Get, $"/api/jobs/{id}", headers: [("Host", $"{GuardedNodeFixture.AllowedHost}:8080")]);
        var lookalike = await SendAsync(HttpMethod.Get, "/api/jobs", headers: [("Host", "sync.example.com.evil.example")]);
        var plainOrigin = await SendAsync(HttpMethod.Post, $"/api/jobs/{id}/pause", headers: [("Host", "sync.example.com"), ("Origin", "http://sync.example.com.evil.example")]);

        Assert.True(proxied.Status == HttpStatusCode.Created, proxied.Body);
        Assert.Equal(HttpStatusCode.OK, internalName.Status);
        Assert.Equal((HttpStatusCode.MisdirectedRequest, HttpStatusCode.Forbidden), (lookalike.Status, plainOrigin.Status));
    }

    public static TheoryData<string, string> RebindingRequests => new()
    {
        { "GET", "/api/jobs" },
        { "POST", "/api/jobs" },
        { "GET", "/metrics" },
        { "GET", "/openapi/v1.json" },
    };

    [Theory]
    [MemberData(nameof(RebindingRequests))]
    public async Task A_host_name_the_node_does_not_go_by_is_a_421(string method, string path)
    {
        // evil.example rebound to 127.0.0.1: the page is same-origin with itself, and its requests carry its name.
        var (local, copy) = fixture.NewPair();
        var id = GuardedNodeFixture.NewId();
        var body = method == "POST" ? GuardedNodeFixture.Spec(id, local, copy) : null;

        var refused = await SendAsync(new HttpMethod(method), path, body, body is null ? null : "application/json", ("Host", $"evil.example:{fixture.Node.HttpPort}"));

        Assert.True(refused.Status == HttpStatusCode.MisdirectedRequest, refused.Body);
        Assert.Equal("application/problem+json", refused.Type);
        Assert.DoesNotContain("smbsync_", refused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await JobStatusAsync(id));
    }

    [Fact]
    public async Task Health_probes_answer_whatever_host_or_origin_they_carry()
    {
        // kubelet probes by the pod's address; the probes say healthy or not and nothing else.
        var live = await SendAsync(HttpMethod.Get, "/health/live", headers: [("Host", "10.244.1.7:8080")]);
        var ready = await SendAsync(HttpMethod.Get, "/health/ready", headers: [("Host", "evil.example"), ("Origin", Evil)]);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (live.Status, ready.Status));
    }

    [Fact]
    public async Task A_listing_read_through_a_rebound_name_gets_no_jobs()
    {
        var (local, copy) = fixture.NewPair();
        var id = GuardedNodeFixture.NewId();
        await fixture.CreateAsync(id, local, copy);

        var rebound = await SendAsync(HttpMethod.Get, "/api/jobs", headers: [("Host", "evil.example")]);
        var own = await fixture.Node.GetJsonAsync("/api/jobs");

        Assert.Equal(HttpStatusCode.MisdirectedRequest, rebound.Status);
        Assert.DoesNotContain(id, rebound.Body, StringComparison.Ordinal);
        Assert.Contains(own.EnumerateArray(), j => j.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.Array, own.ValueKind);
    }

    [Fact]
    public async Task The_dashboard_is_served_on_loopback_without_a_token_and_refuses_other_sites()
    {
        var page = await SendAsync(HttpMethod.Get, "/");
        var script = await SendAsync(HttpMethod.Get, "/ui/job.js");
        var session = await fixture.Node.GetJsonAsync("/ui/session");
        var cluster = await fixture.Node.GetJsonAsync("/api/cluster");
        var signInFromElsewhere = await SendAsync(HttpMethod.Post, "/ui/session", "{\"token\":\"x\"}", "application/json", ("Origin", Evil));
        var rebound = await SendAsync(HttpMethod.Get, "/", headers: [("Host", "evil.example")]);

        Assert.Equal((HttpStatusCode.OK, "text/html"), (page.Status, page.Type));
        Assert.Contains("<title>Jobs", page.Body, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "text/javascript"), (script.Status, script.Type));
        Assert.Equal((false, true), (session.GetProperty("tokenRequired").GetBoolean(), session.GetProperty("signedIn").GetBoolean()));
        Assert.Equal(fixture.Node.Address, cluster.GetProperty("self").GetString());
        Assert.Contains(cluster.GetProperty("members").EnumerateArray(), m => m.GetProperty("address").GetString() == fixture.Node.Address && m.GetProperty("status").GetString() == "up");
        Assert.Equal(HttpStatusCode.Forbidden, signInFromElsewhere.Status);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, rebound.Status);
    }
}
