using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// <c>--local-root</c> and the node's own state against specs that name other directories of the machine, through
/// every door a spec enters by (HTTP, the jobs CLI, Akka remoting), and again when a run starts.
/// </summary>
public sealed class LocalRootTests(GuardedNodeFixture fixture) : IClassFixture<GuardedNodeFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> DefineAsync(string local, string remote)
    {
        using var response = await fixture.PostJsonAsync("/api/jobs", GuardedNodeFixture.Spec(GuardedNodeFixture.NewId(), local, remote));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string[] Fields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(p => p.Name)] : [];

    [Fact]
    public async Task A_local_path_outside_the_roots_is_a_400_on_local_path()
    {
        var (_, copy) = fixture.NewPair();
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        var (outside, outsideBody) = await DefineAsync(fixture.Outside, copy);
        var (userHome, _) = await DefineAsync(home, copy);
        var (root, _) = await DefineAsync("/", copy);

        Assert.Equal(HttpStatusCode.BadRequest, outside);
        Assert.Equal(["localPath"], Fields(outsideBody));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (userHome, root));
    }

    [Fact]
    public async Task A_link_or_dot_dot_under_a_root_leading_outside_is_refused()
    {
        var (_, copy) = fixture.NewPair();
        var link = Path.Combine(fixture.Allowed, "link-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateSymbolicLink(link, fixture.Outside);

        var (throughLink, linkBody) = await DefineAsync(link, copy);
        var (underLink, _) = await DefineAsync(Path.Combine(link, "deeper"), copy);
        var (dotDot, dotBody) = await DefineAsync(fixture.Allowed + "/../outside", copy);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (throughLink, underLink, dotDot));
        Assert.Equal(["localPath"], Fields(linkBody));
        Assert.Equal(["localPath"], Fields(dotBody));
    }

    [Fact]
    public async Task A_second_local_directory_outside_the_roots_is_a_400_on_remote()
    {
        var (local, _) = fixture.NewPair();

        var (status, body) = await DefineAsync(local, Path.Combine(fixture.Outside, "exfiltrated"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["remote"], Fields(body));
    }

    [Fact]
    public async Task The_nodes_own_state_is_refused_as_a_local_path_and_left_out_of_a_tree_holding_it()
    {
        var (_, copy) = fixture.NewPair();
        var docs = Directory.CreateDirectory(Path.Combine(fixture.Home, "docs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(docs, "report.txt"), "mine");
        var id = GuardedNodeFixture.NewId();

        var (credentials, credentialsBody) = await DefineAsync(fixture.Credentials, copy);
        var (inside, _) = await DefineAsync(Path.Combine(fixture.Credentials, "sub"), copy);
        await fixture.CreateAsync(id, fixture.Home, copy);
        var run = await fixture.Node.RunAsync(id);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (credentials, inside));
        Assert.Contains("own state", credentialsBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(run.GetProperty("outcome").GetString() == "completed", run.ToString());
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(copy, "docs", "report.txt")));
        Assert.False(Directory.Exists(Path.Combine(copy, ".smbsync-credentials")), "the credentials directory was copied");
        Assert.DoesNotContain("hunter2-finance", string.Concat(Directory.GetFiles(copy, "*", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_whose_directory_became_a_link_outside_the_roots_is_aborted_before_reading_it()
    {
        var (local, copy) = fixture.NewPair();
        var id = GuardedNodeFixture.NewId();
        await fixture.CreateAsync(id, local, copy);
        var secret = Directory.CreateDirectory(Path.Combine(fixture.Outside, "secret-" + id)).FullName;
        await File.WriteAllTextAsync(Path.Combine(secret, "id_rsa"), "private key");
        Directory.Delete(local, recursive: true);
        Directory.CreateSymbolicLink(local, secret);

        var run = await fixture.Node.RunAsync(id);

        Assert.Equal("aborted", run.GetProperty("outcome").GetString());
        Assert.Contains("refused by this node", run.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(copy, "id_rsa")), "the run read a directory outside the roots");
    }

    [Fact]
    public async Task The_jobs_cli_gets_the_same_refusal()
    {
        var (_, copy) = fixture.NewPair();

        var refused = await CliProcess.RunAsync(null, "jobs", "create", GuardedNodeFixture.NewId(), "--local", fixture.Outside, "--remote", copy,
            "--server", $"http://127.0.0.1:{fixture.Node.HttpPort}");

        Assert.True(refused.Code == 2, refused.ToString());
        Assert.Contains("localPath", refused.Err, StringComparison.Ordinal);
        Assert.Contains("local roots", refused.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_arriving_over_akka_remoting_is_held_to_the_same_roots()
    {
        var (local, copy) = fixture.NewPair();
        using var system = ActorSystem.Create("client", ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            """).WithFallback(ContractSerializer.Config).WithFallback(ClusterClientReceptionist.DefaultConfig()).WithFallback(DistributedPubSub.DefaultConfig()));
        var contact = ActorPath.Parse($"{fixture.Node.Address}/system/receptionist");
        var client = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system).WithInitialContacts(ImmutableHashSet.Create(contact))), "jobs-client");
        Task<object> Send(object message) => client.Ask<object>(new ClusterClient.Send("/user/jobs", message), TimeSpan.FromSeconds(20));

        var outside = await Send(new DefineJob(new JobSpec { Id = GuardedNodeFixture.NewId(), LocalPath = fixture.Outside, Remote = copy }, DefineIntent.Create));
        var ownState = await Send(new DefineJob(new JobSpec { Id = GuardedNodeFixture.NewId(), LocalPath = fixture.Credentials, Remote = copy }, DefineIntent.Create));
        var inside = await Send(new DefineJob(new JobSpec { Id = GuardedNodeFixture.NewId(), LocalPath = local, Remote = copy }, DefineIntent.Create));
        await system.Terminate();

        Assert.Equal((JobRefusal.Invalid, "localPath"), (((CommandRefused)outside).Refusal, ((CommandRefused)outside).Field));
        Assert.Equal((JobRefusal.Invalid, "localPath"), (((CommandRefused)ownState).Refusal, ((CommandRefused)ownState).Field));
        Assert.IsType<CommandAccepted>(inside);
    }

    [Fact]
    public async Task A_node_listening_beyond_loopback_refuses_to_start_without_a_local_root()
    {
        var data = Directory.CreateTempSubdirectory("smbsync-roots-").FullName;
        var token = Path.Combine(data, "token");
        await File.WriteAllTextAsync(token, "t0ken");

        var refused = await CliProcess.RunAsync(null, "node", "--http", $"http://0.0.0.0:{FreePort.Next()}", "--api-token-file", token, "--data-dir", data);

        Assert.True(refused.Code == 2, refused.ToString());
        Assert.Contains("--local-root", refused.Err, StringComparison.Ordinal);
        Assert.Single(refused.Err.Trim().Split('\n'));
    }
}
