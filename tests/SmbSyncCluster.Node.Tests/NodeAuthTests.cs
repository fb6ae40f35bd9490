using System.Net;
using System.Net.Http.Headers;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>Bearer-token auth on the HTTP front of a real node, and the loopback-only rule without a token.</summary>
public sealed class NodeAuthTests
{
    [Fact]
    public async Task With_a_token_every_call_but_health_needs_it_metrics_and_openapi_too()
    {
        var data = Directory.CreateTempSubdirectory("smbsync-auth-").FullName;
        var tokenFile = Path.Combine(data, "token");
        await File.WriteAllTextAsync(tokenFile, "s3cret-token\n");
        await using var node = NodeProcess.Start(CliProcess.Executable, data, ["--api-token-file", tokenFile], token: "s3cret-token");
        await node.WaitReadyAsync();
        using var anonymous = new HttpClient { BaseAddress = node.Http.BaseAddress };
        using var wrong = new HttpClient { BaseAddress = node.Http.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guess");

        using var withToken = await node.Http.GetAsync("/api/jobs");
        using var without = await anonymous.GetAsync("/api/jobs");
        using var withWrong = await wrong.PostAsync("/api/jobs", new StringContent("{}"));
        using var health = await anonymous.GetAsync("/health/live");
        using var metricsWithout = await anonymous.GetAsync("/metrics");
        using var openApiWithout = await anonymous.GetAsync("/openapi/v1.json");
        using var metrics = await node.Http.GetAsync("/metrics");
        using var openApi = await node.Http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (without.StatusCode, withWrong.StatusCode));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (metricsWithout.StatusCode, openApiWithout.StatusCode));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (metrics.StatusCode, openApi.StatusCode));
        Assert.DoesNotContain("smbsync_", await metricsWithout.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Bearer", without.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain("s3cret-token", node.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_and_a_non_loopback_address_is_refused_at_start()
    {
        var data = Directory.CreateTempSubdirectory("smbsync-auth-").FullName;
        await using var node = NodeProcess.Start(CliProcess.Executable, data, []);
        await node.WaitReadyAsync();
        using var open = await node.Http.GetAsync("/api/jobs");

        var refused = await CliProcess.RunAsync(null, "node", "--http", "http://0.0.0.0:18089", "--data-dir", data);

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.True(refused.Code == 2, refused.ToString());
        Assert.Contains("loopback", refused.Err, StringComparison.Ordinal);
        Assert.Single(refused.Err.Trim().Split('\n'));
    }
}
