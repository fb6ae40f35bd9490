using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmbSyncCluster.Node.Tests;

/// <summary>What one client may cost a node process, and what its errors may say: event stream cap, body size, no secret echoed.</summary>
public sealed class FrontLimitsTests(GuardedNodeFixture fixture) : IClassFixture<GuardedNodeFixture>
{
    [Fact]
    public async Task Event_streams_beyond_the_cap_are_a_503_with_retry_after_until_one_closes()
    {
        var (id, open) = await FillStreamsAsync();

        using var beyond = await fixture.Node.Http.GetAsync($"/api/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        // An answered stream never ends: only a refusal is read.
        var beyondBody = beyond.StatusCode == HttpStatusCode.ServiceUnavailable ? await beyond.Content.ReadAsStringAsync() : "a stream was served";
        open[0].Dispose();
        HttpStatusCode again;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        do
        {
            await Task.Delay(200);
            using var retry = await fixture.Node.Http.GetAsync($"/api/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
            again = retry.StatusCode;
        }
        while (again != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        open.ForEach(r => r.Dispose());

        Assert.All(open, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(beyond.StatusCode == HttpStatusCode.ServiceUnavailable, beyondBody);
        Assert.Equal("application/problem+json", beyond.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(beyond.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, again);
    }

    [Fact]
    public async Task Streams_of_a_deleted_job_end_and_give_their_places_back()
    {
        var (id, open) = await FillStreamsAsync();

        using (var deleted = await fixture.Node.Http.DeleteAsync($"/api/jobs/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var ended = await Task.WhenAll(open.Select(async stream =>
        {
            try
            {
                await stream.Content.ReadAsStringAsync(wait.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }));
        open.ForEach(r => r.Dispose());
        var (otherLocal, otherCopy) = fixture.NewPair();
        var other = GuardedNodeFixture.NewId();
        await fixture.CreateAsync(other, otherLocal, otherCopy);
        using var next = await fixture.Node.Http.GetAsync($"/api/jobs/{other}/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.All(ended, Assert.True);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    /// <summary>A stream of job <paramref name="id"/>, once a place is free (another test's streams may still be closing).</summary>
    /// <summary>Defines a job and opens as many streams of it as the node serves at once.</summary>
    private async Task<(string Id, List<HttpResponseMessage> Open)> FillStreamsAsync()
    {
        var (local, copy) = fixture.NewPair();
        var id = GuardedNodeFixture.NewId();
        await fixture.CreateAsync(id, local, copy);
        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < GuardedNodeFixture.MaxEventStreams; i++)
        {
            open.Add(await OpenStreamAsync(id));
        }
        return (id, open);
    }

    private async Task<HttpResponseMessage> OpenStreamAsync(string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var response = await fixture.Node.Http.GetAsync($"/api/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return response;
            }
            response.Dispose();
            await Task.Delay(200);
        }
    }

    public static TheoryData<string> RemotesWithAPassword =>
    [
        "smb://user:Zq7S3cret@Xy9Pass@fileserver/share",
        "smb://user:Zq7S3cretXy9Pass@@fileserver/share",
        "smb://user:Zq7S3cret/Xy9Pass@fileserver/share",
        "smb://user:Zq7S3cret:Xy9Pass@fileserver:99999/share",
        "smb://user:Zq7S3cretXy9Pass@file server/share",
        "smb://user:Zq7S3cretXy9Pass@[::1/share",
        "smb://user:Zq7S3cretXy9Pass@fileserver/",
        "smb://dom;user:Zq7S3cret@Xy9Pass@fileserver/sh:are?protection=loud",
        // A '/' in the password ends the authority early: what follows is read as options or path segments.
        "smb://user:Zq7S3cret/x?Xy9Pass@fileserver/share",
        "smb://user:Zq7S3cret/x?protection=Xy9Pass@fileserver/share",
        "smb://user:445/Zq7S3cret*Xy9Pass@fileserver/share",
        "smb://user:445/Zq7S3cret/Xy9Pass|x@fileserver/share",
    ];

    [Theory]
    [MemberData(nameof(RemotesWithAPassword))]
    public async Task A_malformed_remote_holding_a_password_is_refused_without_echoing_any_of_it(string remote)
    {
        var (local, _) = fixture.NewPair();

        using var response = await fixture.PostJsonAsync("/api/jobs", GuardedNodeFixture.Spec(GuardedNodeFixture.NewId(), local, remote));
        var body = await response.Content.ReadAsStringAsync();
        await Task.Delay(200); // anything the node logs about it is written by now

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains("remote", body, StringComparison.Ordinal);
        foreach (var secret in new[] { "Zq7S3cret", "Xy9Pass" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, fixture.Node.Log, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_chunked_body_beyond_one_mebibyte_is_a_413()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Node.HttpPort);
        await using var wire = tcp.GetStream();
        await wire.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
        var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string(' ', 0x10000)}\r\n");
        try
        {
            for (var i = 0; i < 32; i++) // 2 MiB of whitespace, a valid start of a JSON document
            {
                await wire.WriteAsync(chunk);
            }
        }
        catch (IOException)
        {
            // The node may answer and close before the last chunk.
        }
        using var answer = new StreamReader(wire, Encoding.ASCII);
        var status = await answer.ReadLineAsync();

        Assert.Equal("HTTP/1.1 413 Payload Too Large", status);
    }
}
