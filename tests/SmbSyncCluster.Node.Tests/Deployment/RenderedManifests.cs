using System.Text;
using System.Text.Json;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests.Deployment;

/// <summary>
/// The example overlay as Kubernetes would receive it, with what it is deployed beside (<c>deploy/k8s/persistent</c>: the
/// namespace and the shared volume): rendered by <c>scripts/manifests.sh</c>, which also checks every object against the
/// Kubernetes schemas and the Dockerfile with a linter (it fails, with the problems, otherwise).
/// </summary>
public sealed class RenderedManifests
{
    public RenderedManifests()
    {
        Application = Render(Path.Combine(Root, "deploy", "k8s", "overlays", "example"));
        Objects = [.. Application, .. Render(Path.Combine(Root, "deploy", "k8s", "persistent"))];
        Workload = Assert.Single(OfKind("Deployment"));
        PodSpec = Workload.GetProperty("spec").GetProperty("template").GetProperty("spec");
        Container = Assert.Single(PodSpec.GetProperty("containers").EnumerateArray());
    }

    /// <summary>The repository root.</summary>
    public string Root => Repository.Root;

    /// <summary>Everything deployed: the application and what outlives it.</summary>
    public IReadOnlyList<JsonElement> Objects { get; }

    /// <summary>The application's objects alone: what <c>kubectl delete -k overlays/...</c> deletes.</summary>
    public IReadOnlyList<JsonElement> Application { get; }

    /// <summary>The node pods' Deployment.</summary>
    public JsonElement Workload { get; }

    public JsonElement PodSpec { get; }

    /// <summary>The node container.</summary>
    public JsonElement Container { get; }

    public IEnumerable<JsonElement> OfKind(string kind) => Objects.Where(o => o.GetProperty("kind").GetString() == kind);

    /// <summary>The object of that kind and name, or a failure saying it is referenced but missing.</summary>
    public JsonElement Named(string kind, string? name) =>
        OfKind(kind).SingleOrDefault(o => Name(o) == name) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new Xunit.Sdk.XunitException($"{kind} '{name}' is referenced but not part of the kustomization");

    /// <summary>The cert-manager Certificate that writes the Secret of that name, if one does.</summary>
    public JsonElement? CertificateFor(string? secretName) =>
        OfKind("Certificate").SingleOrDefault(c => c.GetProperty("spec").GetProperty("secretName").GetString() == secretName) is { ValueKind: JsonValueKind.Object } found
            ? found
            : null;

    /// <summary>The files a ConfigMap or Secret gives a volume, by key.</summary>
    public IReadOnlyDictionary<string, byte[]> Files(JsonElement configMapOrSecret) =>
        Items(configMapOrSecret, "data").ToDictionary(
            p => p.Name,
            p => configMapOrSecret.GetProperty("kind").GetString() == "Secret" ? Convert.FromBase64String(p.Value.GetString()!) : Encoding.UTF8.GetBytes(p.Value.GetString()!));

    /// <summary>The labels of the node pods.</summary>
    public IReadOnlyDictionary<string, string> PodLabels =>
        Items(Workload.GetProperty("spec").GetProperty("template").GetProperty("metadata"), "labels").ToDictionary(p => p.Name, p => p.Value.GetString()!);

    /// <summary>The container port of that name or number.</summary>
    public int ContainerPort(JsonElement nameOrNumber) =>
        nameOrNumber.ValueKind == JsonValueKind.Number
            ? Array(Container, "ports").Select(p => p.GetProperty("containerPort").GetInt32()).Single(p => p == nameOrNumber.GetInt32())
            : ContainerPort(nameOrNumber.GetString()!);

    /// <summary>The container port of that name.</summary>
    public int ContainerPort(string name) =>
        Array(Container, "ports").SingleOrDefault(p => p.TryGetProperty("name", out var n) && n.GetString() == name) is { ValueKind: JsonValueKind.Object } port
            ? port.GetProperty("containerPort").GetInt32()
            : throw new Xunit.Sdk.XunitException($"the node container has no port named '{name}'");

    private static List<JsonElement> Render(string directory)
    {
        var json = ExternalTool.Run(ExternalTool.Find("bash", "install bash"), [Path.Combine(Repository.Root, "scripts", "manifests.sh"), directory], timeout: TimeSpan.FromMinutes(5));
        return [.. JsonDocument.Parse(json).RootElement.EnumerateArray()];
    }

    public static string? Name(JsonElement o) => o.GetProperty("metadata").GetProperty("name").GetString();

    public static IEnumerable<JsonElement> Array(JsonElement e, string property) =>
        e.TryGetProperty(property, out var a) ? a.EnumerateArray() : [];

    public static IEnumerable<JsonProperty> Items(JsonElement e, string property) =>
        e.TryGetProperty(property, out var o) ? o.EnumerateObject() : [];
}
