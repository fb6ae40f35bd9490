using System.Net;
using System.Text;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// One <c>smbsync node</c> process (loopback, no token: the default a web page can reach) with two local roots,
/// <see cref="Allowed"/> and <see cref="Copies"/>, and its credentials directory inside the first (under
/// <see cref="Home"/>, as a user's home holds a node's secrets). Jobs sync two local directories: no Samba needed.
/// </summary>
public sealed class GuardedNodeFixture : IAsyncLifetime
{
    public const int MaxEventStreams = 2;

    /// <summary>Where users reach the node through a TLS proxy.</summary>
    public const string PublicUrl = "https://sync.example.com";

    /// <summary>Another name of the node (a Service's).</summary>
    public const string AllowedHost = "smbsync.internal";

    private NodeProcess? _node;

    internal NodeProcess Node => _node ?? throw new InvalidOperationException("the node has not started");

    public string Root { get; } = Directory.CreateTempSubdirectory("smbsync-guarded-").FullName;

    public string Allowed => Path.Combine(Root, "allowed");

    public string Copies => Path.Combine(Root, "copies");

    /// <summary>A directory outside both roots (what an attacker's spec names).</summary>
    public string Outside => Path.Combine(Root, "outside");

    /// <summary>A directory under <see cref="Allowed"/> that holds the node's credentials directory.</summary>
    public string Home => Path.Combine(Allowed, "home");

    public string Credentials => Path.Combine(Home, ".smbsync-credentials");

    public async Task InitializeAsync()
    {
        foreach (var directory in new[] { Allowed, Copies, Outside, Credentials })
        {
            Directory.CreateDirectory(directory);
        }
        await File.WriteAllTextAsync(Path.Combine(Credentials, "finance"), "hunter2-finance\n");
        _node = NodeProcess.Start(CliProcess.Executable, Path.Combine(Root, "data"),
            ["--local-root", Allowed, "--local-root", Copies, "--credentials-dir", Credentials, "--max-event-streams", $"{MaxEventStreams}",
             "--public-url", PublicUrl, "--allowed-host", AllowedHost]);
        await _node.WaitReadyAsync();
    }

    /// <summary>A fresh local directory under <see cref="Allowed"/> with <paramref name="files"/> files, and its copy's directory under <see cref="Copies"/>.</summary>
    public (string Local, string Copy) NewPair(int files = 2)
    {
        var name = "pair-" + Guid.NewGuid().ToString("N")[..8];
        var local = Directory.CreateDirectory(Path.Combine(Allowed, name)).FullName;
        TestTrees.WriteFiles(local, files, 100);
        return (local, Path.Combine(Copies, name));
    }

    public static string NewId() => "guarded-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>POSTs <paramref name="json"/> to <paramref name="path"/> as application/json.</summary>
    internal Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Node.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Defines a job; asserts it was created.</summary>
    internal async Task CreateAsync(string id, string local, string remote, string mode = "upload")
    {
        using var created = await PostJsonAsync("/api/jobs", Spec(id, local, remote, mode));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    public static string Spec(string id, string local, string remote, string mode = "upload", string? credential = null) =>
        System.Text.Json.JsonSerializer.Serialize(new { id, localPath = local, remote, mode, credential });

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
