using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests.Deployment;

/// <summary>
/// The one call of the Kubernetes API discovery makes, served as an API server would: over HTTPS with a certificate of a
/// test authority, only to the service account's bearer token, listing the pods of one namespace that match a label
/// selector (the real server matches it by meaning; this one by its text, which is stricter). What a pod gets: the
/// files kubelet mounts (token, CA, namespace) and the environment (KUBERNETES_SERVICE_HOST/PORT).
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeKubernetesApi(WebApplication app, int port, string directory)
    {
        _app = app;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    /// <summary>Where the service account's files are: <c>token</c>, <c>ca.crt</c>, <c>namespace</c>.</summary>
    public string Directory { get; }

    /// <summary>Every request: path and query, and whether it carried the token.</summary>
    public ConcurrentQueue<(string Target, bool Authorized)> Requests { get; } = new();

    /// <summary>
    /// Serves the pods in <paramref name="namespaceName"/> carrying <paramref name="labels"/> to a list call whose selector is
    /// <paramref name="selector"/>, one pod per management port, all at 127.0.0.1 (as pod IPs they are where the nodes listen).
    /// </summary>
    public static async Task<FakeKubernetesApi> StartAsync(
        TestAuthority authority, string namespaceName, string selector, IReadOnlyDictionary<string, string> labels, string portName, IReadOnlyList<int> managementPorts)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("smbsync-serviceaccount-").FullName;
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await File.WriteAllTextAsync(Path.Combine(directory, "token"), token);
        await File.WriteAllTextAsync(Path.Combine(directory, "namespace"), namespaceName);
        File.Copy(authority.CaFile, Path.Combine(directory, "ca.crt"));
        var files = authority.Issue("127.0.0.1");
        using var pem = X509Certificate2.CreateFromPemFile(files.Certificate, files.Key);
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var port = FreePort.Next();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var api = new FakeKubernetesApi(app, port, directory);
        var pods = JsonSerializer.Serialize(new
        {
            apiVersion = "v1",
            kind = "PodList",
            metadata = new { resourceVersion = "1" },
            items = managementPorts.Select((management, i) => new
            {
                metadata = new { name = $"smbsync-{i}", @namespace = namespaceName, labels },
                spec = new { containers = new[] { new { name = "node", ports = new[] { new { name = portName, containerPort = management, protocol = "TCP" } } } } },
                status = new { phase = "Running", podIP = "127.0.0.1" },
            }),
        });
        var none = JsonSerializer.Serialize(new { apiVersion = "v1", kind = "PodList", metadata = new { resourceVersion = "1" }, items = Array.Empty<object>() });
        app.Run(async context =>
        {
            var authorized = context.Request.Headers.Authorization == $"Bearer {token}";
            api.Requests.Enqueue((context.Request.Path + context.Request.QueryString, authorized));
            if (!authorized)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            if (context.Request.Path != $"/api/v1/namespaces/{namespaceName}/pods")
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden; // what RBAC answers beyond the pods of its namespace
                return;
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(context.Request.Query["labelSelector"] == selector ? pods : none);
        });
        await app.StartAsync();
        return api;
    }

    /// <summary>What the node's process needs to find this server: its address, and its authority trusted (in a pod, kubelet mounts it).</summary>
    public IReadOnlyDictionary<string, string> Environment(string caFile) => new Dictionary<string, string>
    {
        ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1",
        ["KUBERNETES_SERVICE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SSL_CERT_FILE"] = caFile,
    };

    /// <summary>HOCON pointing the discovery at the service account's files here instead of /var/run/secrets.</summary>
    public string DiscoveryHocon => $$"""
        akka.discovery.kubernetes-api {
          api-token-path = "{{Path.Combine(Directory, "token")}}"
          api-ca-path = "{{Path.Combine(Directory, "ca.crt")}}"
          pod-namespace-path = "{{Path.Combine(Directory, "namespace")}}"
        }
        """;

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
