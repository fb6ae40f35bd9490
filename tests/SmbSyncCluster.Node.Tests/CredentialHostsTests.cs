using System.Net;
using System.Text;
using System.Text.Json;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// A credential's host list against specs that would send it elsewhere, on a real node and a real Samba: an API
/// user who cannot read the secret must not be able to have the node answer another server's NTLM challenge with it.
/// </summary>
public sealed class CredentialHostsTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    /// <summary>A credential with the share's password, allowed for <paramref name="hosts"/>.</summary>
    private async Task<string> NewCredentialAsync(string hosts)
    {
        var name = "finance-" + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(Path.Combine(fixture.CredentialsDirectory, name), SambaServer.Password + "\n");
        await File.WriteAllTextAsync(Path.Combine(fixture.CredentialsDirectory, name + ".hosts"), hosts);
        return name;
    }

    private async Task<(HttpStatusCode Status, string Body)> DefineAsync(string id, string local, string remote, string credential)
    {
        var spec = JsonSerializer.Serialize(new { id, localPath = local, remote, mode = "upload", credential });
        using var response = await fixture.Node.Http.PostAsync("/api/jobs", new StringContent(spec, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string NewId() => "creds-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_spec_sending_a_credential_to_a_server_it_does_not_name_is_a_400_on_credential()
    {
        var finance = await NewCredentialAsync("# the finance file server\n127.0.0.1\n");
        var (local, _, url) = fixture.NewPair();
        // The same Samba by another name: the list names servers as specs give them, whatever they resolve to.
        var elsewhere = url.Replace("@127.0.0.1:", "@localhost:", StringComparison.Ordinal);
        var id = NewId();

        var refused = await DefineAsync(id, local, elsewhere, finance);
        var allowed = await DefineAsync(NewId(), local, url, finance);

        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.Body);
        Assert.True(JsonDocument.Parse(refused.Body).RootElement.GetProperty("errors").TryGetProperty("credential", out _), refused.Body);
        Assert.True(allowed.Status == HttpStatusCode.Created, allowed.Body);
        Assert.DoesNotContain(SambaServer.Password, refused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_is_aborted_before_connecting_when_the_host_list_no_longer_names_its_server()
    {
        var finance = await NewCredentialAsync("127.0.0.1");
        var (local, disk, url) = fixture.NewPair();
        TestTrees.WriteFiles(local, 2, 100);
        var id = NewId();
        var defined = await DefineAsync(id, local, url, finance);
        Assert.True(defined.Status == HttpStatusCode.Created, defined.Body);

        await File.WriteAllTextAsync(Path.Combine(fixture.CredentialsDirectory, finance + ".hosts"), "fileserver.example.com");
        var run = await fixture.Node.RunAsync(id);

        Assert.Equal("aborted", run.GetProperty("outcome").GetString());
        Assert.Contains($"credential '{finance}'", run.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(disk));
    }

    [Fact]
    public async Task A_credential_without_a_host_list_still_goes_to_any_server()
    {
        var (local, disk, url) = fixture.NewPair();
        TestTrees.WriteFiles(local, 2, 100);
        var id = NewId();

        var defined = await DefineAsync(id, local, url, "team");
        var run = await fixture.Node.RunAsync(id);

        Assert.True(defined.Status == HttpStatusCode.Created, defined.Body);
        Assert.Equal("completed", run.GetProperty("outcome").GetString());
        Assert.Equal(TestTrees.Hashes(local), TestTrees.Hashes(disk));
    }
}
