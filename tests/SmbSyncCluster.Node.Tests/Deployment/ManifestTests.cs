using System.Text;
using System.Text.Json;
using Akka.Configuration;
using Microsoft.AspNetCore.Routing;
using SmbSyncCluster.Cluster.Hosting;
using SmbSyncCluster.Node.Hosting;
using SmbSyncCluster.Node.Tests.Configuration;
using SmbSyncCluster.Testing;
using static SmbSyncCluster.Node.Tests.Deployment.RenderedManifests;

namespace SmbSyncCluster.Node.Tests.Deployment;

/// <summary>
/// The deployment against the node it deploys: the settings the pods give are the ones the node reads and accepts, the
/// ports and probes are the node's, everything referenced is deployed, and the choices that keep runs safe across
/// hand-overs hold (schemas: <see cref="RenderedManifests"/>).
/// </summary>
public sealed class ManifestTests(RenderedManifests manifests) : IClassFixture<RenderedManifests>, IDisposable
{
    private const string PodIp = "10.244.1.7";

    /// <summary>Stands for cert-manager: issues the files of the Secrets a Certificate writes.</summary>
    private readonly TestAuthority _certManager = TestAuthority.Create("smbsync remoting CA");

    [Fact]
    public void Every_node_setting_the_pods_are_given_is_one_the_node_reads()
    {
        var names = Array(manifests.Container, "env").Select(e => e.GetProperty("name").GetString()!).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names.Where(n => n.StartsWith("SMBSYNC_", StringComparison.Ordinal)), n => Assert.Contains(n, NodeSettings.EnvironmentNames));
    }

    [Fact]
    public void The_node_accepts_the_settings_of_a_pod_and_finds_the_pods_by_their_labels()
    {
        var settings = PodSettings();

        Assert.Equal((PodIp, "0.0.0.0", "0.0.0.0"), (settings.Hostname, settings.BindHostname, settings.Http.Host));
        Assert.NotNull(settings.ApiToken);
        Assert.NotNull(settings.Tls);
        var database = new Npgsql.NpgsqlConnectionStringBuilder(settings.PostgresConnectionString);
        Assert.Equal(Npgsql.SslMode.VerifyFull, database.SslMode);
        Assert.True(File.Exists(database.RootCertificate), "the database's authority is mounted where the URL says");
        Assert.NotNull(database.Password);
        Assert.Equal(settings.DbPasswordFile, settings.PrivatePaths.SingleOrDefault(p => p == settings.DbPasswordFile));
        Assert.True(File.Exists(Path.Combine(settings.CredentialsDirectory!, "default")), "the default SMB credential");
        var discovery = Assert.IsType<KubernetesDiscovery>(settings.Kubernetes);
        foreach (var requirement in discovery.Selector.Split(','))
        {
            var (key, value) = (requirement.Split('=')[0], requirement.Split('=')[1]);
            Assert.Equal(value, manifests.PodLabels.GetValueOrDefault(key));
        }
    }

    [Fact]
    public void The_ports_are_the_nodes_and_the_services_and_the_image_agree_on_them()
    {
        var settings = PodSettings();
        var ports = Array(manifests.Container, "ports").Select(p => p.GetProperty("containerPort").GetInt32()).Order();

        Assert.Equal(settings.Http.Port, manifests.ContainerPort("http"));
        Assert.Equal(settings.Port, manifests.ContainerPort("remoting"));
        Assert.Equal(settings.Kubernetes!.ManagementPort, manifests.ContainerPort(KubernetesDiscovery.ManagementPortName));
        var expose = File.ReadLines(Path.Combine(manifests.Root, "deploy", "k8s", "Dockerfile")).Single(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal));
        Assert.Equal(ports, expose.Split(' ')[1..].Select(int.Parse).Order());
        var services = manifests.OfKind("Service").ToList();
        Assert.All(services.SelectMany(s => Array(s.GetProperty("spec"), "ports")), p => manifests.ContainerPort(p.GetProperty("targetPort")));
        var headless = Assert.Single(services, s => s.GetProperty("spec").TryGetProperty("clusterIP", out var ip) && ip.GetString() == "None");
        Assert.Equal(
            new[] { settings.Port, settings.Kubernetes.ManagementPort }.Order(),
            Array(headless.GetProperty("spec"), "ports").Select(p => manifests.ContainerPort(p.GetProperty("targetPort"))).Order());
        Assert.Contains(services, s => Array(s.GetProperty("spec"), "ports").Any(p => manifests.ContainerPort(p.GetProperty("targetPort")) == settings.Http.Port));
    }

    [Fact]
    public async Task The_probes_ask_the_nodes_own_health_routes_on_its_http_port()
    {
        var settings = PodSettings();
        await using var app = NodeHost.Build(settings, _ => null);
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToList();

        foreach (var (probe, path) in new[] { ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
        {
            var get = manifests.Container.GetProperty(probe).GetProperty("httpGet");
            Assert.Equal(path, get.GetProperty("path").GetString());
            Assert.Contains(path, routes);
            Assert.Equal(settings.Http.Port, manifests.ContainerPort(get.GetProperty("port")));
        }
    }

    [Fact]
    public void Everything_the_pods_reference_is_deployed_in_their_namespace()
    {
        foreach (var volume in Array(manifests.PodSpec, "volumes"))
        {
            if (volume.TryGetProperty("configMap", out var configMap))
            {
                manifests.Named("ConfigMap", configMap.GetProperty("name").GetString());
            }
            if (volume.TryGetProperty("secret", out var secret) && manifests.CertificateFor(secret.GetProperty("secretName").GetString()) is null)
            {
                manifests.Named("Secret", secret.GetProperty("secretName").GetString());
            }
            if (volume.TryGetProperty("persistentVolumeClaim", out var claim))
            {
                manifests.Named("PersistentVolumeClaim", claim.GetProperty("claimName").GetString());
            }
        }
        foreach (var reference in Array(manifests.Container, "env").Select(e => e.TryGetProperty("valueFrom", out var from) ? from : default)
            .Where(from => from.ValueKind == JsonValueKind.Object && from.TryGetProperty("secretKeyRef", out _)).Select(from => from.GetProperty("secretKeyRef")))
        {
            var secret = manifests.Named("Secret", reference.GetProperty("name").GetString());
            Assert.Contains(reference.GetProperty("key").GetString()!, manifests.Files(secret).Keys);
        }
        var account = manifests.Named("ServiceAccount", manifests.PodSpec.GetProperty("serviceAccountName").GetString());
        var ns = Name(Assert.Single(manifests.OfKind("Namespace")));
        Assert.All(manifests.Objects.Where(o => o.GetProperty("kind").GetString() != "Namespace"),
            o => Assert.Equal(ns, o.GetProperty("metadata").GetProperty("namespace").GetString()));

        // Discovery lists the pods: the account may read pods, and nothing else.
        var binding = Assert.Single(manifests.OfKind("RoleBinding"), b => Array(b, "subjects").Any(s => s.GetProperty("name").GetString() == Name(account)));
        var role = manifests.Named("Role", binding.GetProperty("roleRef").GetProperty("name").GetString());
        var rule = Assert.Single(Array(role, "rules"));
        Assert.Equal(["pods"], Array(rule, "resources").Select(r => r.GetString()));
        Assert.Equal(["get", "list", "watch"], Array(rule, "verbs").Select(v => v.GetString()).Order());
    }

    [Fact]
    public void Remoting_is_mutual_tls_with_a_certificate_of_the_clusters_own_ca()
    {
        var certificateFile = Array(manifests.Container, "env").Single(e => e.GetProperty("name").GetString() == "SMBSYNC_TLS_CERT").GetProperty("value").GetString()!;
        var mount = Array(manifests.Container, "volumeMounts").Single(m => certificateFile.StartsWith(m.GetProperty("mountPath").GetString() + "/", StringComparison.Ordinal));
        var volume = Array(manifests.PodSpec, "volumes").Single(v => v.GetProperty("name").GetString() == mount.GetProperty("name").GetString());
        var certificate = manifests.CertificateFor(volume.GetProperty("secret").GetProperty("secretName").GetString())
            ?? throw new Xunit.Sdk.XunitException("the remoting certificate's Secret is not written by a cert-manager Certificate");
        var spec = certificate.GetProperty("spec");

        Assert.Equal(["client auth", "digital signature", "server auth"], Array(spec, "usages").Select(u => u.GetString()).Order(StringComparer.Ordinal));
        // Issued by a CA issuer whose CA is the deployment's own (made by cert-manager here), not a public authority.
        var issuer = manifests.Named("Issuer", spec.GetProperty("issuerRef").GetProperty("name").GetString());
        var ca = manifests.CertificateFor(issuer.GetProperty("spec").GetProperty("ca").GetProperty("secretName").GetString())
            ?? throw new Xunit.Sdk.XunitException("the CA issuer's Secret is not made by a Certificate of the deployment");
        Assert.True(ca.GetProperty("spec").GetProperty("isCA").GetBoolean());
        var root = manifests.Named("Issuer", ca.GetProperty("spec").GetProperty("issuerRef").GetProperty("name").GetString());
        Assert.True(root.GetProperty("spec").TryGetProperty("selfSigned", out _));
        Assert.DoesNotContain(Array(manifests.PodSpec, "volumes"), v => v.TryGetProperty("secret", out var s) && s.GetProperty("secretName").GetString() == ca.GetProperty("spec").GetProperty("secretName").GetString());
    }

    [Fact]
    public void Only_the_node_pods_reach_remoting_and_management_and_the_http_front_is_open()
    {
        var settings = PodSettings();
        var policy = Assert.Single(manifests.OfKind("NetworkPolicy"));
        var spec = policy.GetProperty("spec");
        var rules = Array(spec, "ingress").ToList();
        IEnumerable<int> Ports(JsonElement rule) => rule.TryGetProperty("ports", out var ports)
            ? ports.EnumerateArray().Select(p => manifests.ContainerPort(p.GetProperty("port")))
            : Array(manifests.Container, "ports").Select(p => p.GetProperty("containerPort").GetInt32());
        // A rule without "from" admits every source: it stands as one undefined peer.
        IEnumerable<JsonElement> Peers(int port) =>
            rules.Where(r => Ports(r).Contains(port)).SelectMany(r => r.TryGetProperty("from", out var from) ? from.EnumerateArray().ToList() : new List<JsonElement> { default });
        var nodePods = Selector(manifests.PodLabels.Select(l => (l.Key, l.Value)));

        Assert.Equal(nodePods, Selector(Items(spec.GetProperty("podSelector"), "matchLabels").Select(l => (l.Name, l.Value.GetString()!))));
        Assert.Contains("Ingress", Array(spec, "policyTypes").Select(t => t.GetString()));
        Assert.All(Peers(settings.Kubernetes!.ManagementPort), peer => Assert.Equal(nodePods, PodsOfThisNamespace(peer)));
        // Remoting: the node pods, and cluster clients of this namespace by their label (no other namespace, no address range).
        Assert.All(Peers(settings.Port), peer => Assert.Contains(PodsOfThisNamespace(peer), new[] { nodePods, "smbsync/remoting-client=true" }));
        Assert.Contains(Peers(settings.Http.Port), peer => peer.ValueKind == JsonValueKind.Undefined);
    }

    [Fact]
    public void The_selectors_find_the_node_pods()
    {
        var selectors = new[] { manifests.Workload.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels") }
            .Concat(manifests.OfKind("PodDisruptionBudget").Select(p => p.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels")))
            .Concat(manifests.OfKind("Service").Select(s => s.GetProperty("spec").GetProperty("selector")));

        Assert.All(selectors, selector => Assert.All(selector.EnumerateObject(), label => Assert.Equal(label.Value.GetString(), manifests.PodLabels.GetValueOrDefault(label.Name))));
    }

    [Fact]
    public void A_stopping_pod_has_time_to_hand_its_jobs_over_and_a_roll_never_runs_a_member_short()
    {
        var strategy = manifests.Workload.GetProperty("spec").GetProperty("strategy");

        Assert.True(manifests.PodSpec.GetProperty("terminationGracePeriodSeconds").GetInt32() > NodeHost.ShutdownTimeout.TotalSeconds);
        Assert.Equal("RollingUpdate", strategy.GetProperty("type").GetString());
        Assert.Equal(0, strategy.GetProperty("rollingUpdate").GetProperty("maxUnavailable").GetInt32());
        Assert.Equal(1, Assert.Single(manifests.OfKind("PodDisruptionBudget")).GetProperty("spec").GetProperty("maxUnavailable").GetInt32());
    }

    [Fact]
    public async Task Coordinated_shutdown_fits_in_the_hosts_timeout_which_fits_in_the_grace_period()
    {
        var config = await NodeConfigurationTests.EffectiveAsync(PodSettings());
        var shutdown = config.GetConfig("akka.coordinated-shutdown");
        var phases = shutdown.GetConfig("phases");
        var fallback = shutdown.GetTimeSpan("default-phase-timeout");

        // The phases run one after the other: at worst each takes its whole timeout.
        var timeouts = phases.AsEnumerable().ToDictionary(p => p.Key, p => phases.GetConfig(p.Key).GetTimeSpan("timeout", fallback, allowInfinite: false));
        var sum = timeouts.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);

        Assert.Contains("cluster-sharding-shutdown-region", timeouts.Keys);
        Assert.True(timeouts["cluster-sharding-shutdown-region"] >= config.GetTimeSpan("akka.cluster.sharding.handoff-timeout"), "the region's phase outlasts a shard's hand-over");
        Assert.True(sum < NodeHost.ShutdownTimeout, $"phases sum to {sum}, the host stops after {NodeHost.ShutdownTimeout}");
        Assert.True(NodeHost.ShutdownTimeout.TotalSeconds < manifests.PodSpec.GetProperty("terminationGracePeriodSeconds").GetInt32());
    }

    [Fact]
    public async Task Every_key_of_the_config_map_and_of_our_hocon_files_is_the_value_the_pods_run_with()
    {
        var settings = PodSettings();
        var configMap = ConfigurationFactory.ParseString(File.ReadAllText(Assert.Single(settings.ConfigFiles)));

        var effective = await NodeConfigurationTests.EffectiveAsync(settings);

        var keys = NodeConfigurationTests.Leaves(configMap).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, leaf => Assert.Equal((leaf.Key, leaf.Value), (leaf.Key, effective.GetString(leaf.Key))));
        Assert.All(NodeConfigurationTests.Leaves(EmbeddedHocon.Cluster).Where(l => !configMap.HasPath(l.Key)),
            leaf => Assert.Equal((leaf.Key, leaf.Value), (leaf.Key, effective.GetString(leaf.Key))));
    }

    [Fact]
    public void The_members_are_spread_over_machines_and_zones()
    {
        var constraints = Array(manifests.PodSpec, "topologySpreadConstraints").ToList();
        var nodePods = Selector(manifests.PodLabels.Select(l => (l.Key, l.Value)));

        foreach (var (key, rule) in new[] { ("kubernetes.io/hostname", "DoNotSchedule"), ("topology.kubernetes.io/zone", "ScheduleAnyway") })
        {
            var constraint = Assert.Single(constraints, c => c.GetProperty("topologyKey").GetString() == key);
            Assert.Equal(1, constraint.GetProperty("maxSkew").GetInt32());
            Assert.Equal(rule, constraint.GetProperty("whenUnsatisfiable").GetString());
            Assert.Equal(nodePods, Selector(Items(constraint.GetProperty("labelSelector"), "matchLabels").Select(l => (l.Name, l.Value.GetString()!))));
        }
    }

    [Fact]
    public void No_cpu_limit_throttles_the_failure_detector_and_memory_is_guaranteed()
    {
        var resources = manifests.Container.GetProperty("resources");

        Assert.False(resources.GetProperty("limits").TryGetProperty("cpu", out _), "a CPU limit throttles heartbeats");
        Assert.True(resources.GetProperty("requests").TryGetProperty("cpu", out _));
        Assert.Equal(resources.GetProperty("requests").GetProperty("memory").GetString(), resources.GetProperty("limits").GetProperty("memory").GetString());
    }

    [Fact]
    public void Deleting_the_application_keeps_the_namespace_and_the_volume_that_holds_the_jobs_files()
    {
        var claimName = Array(manifests.PodSpec, "volumes").Select(v => v.TryGetProperty("persistentVolumeClaim", out var c) ? c.GetProperty("claimName").GetString() : null).Single(n => n is not null);
        var claim = manifests.Named("PersistentVolumeClaim", claimName);

        Assert.Equal(["ReadWriteMany"], Array(claim.GetProperty("spec"), "accessModes").Select(m => m.GetString()));
        Assert.DoesNotContain(manifests.Application, o => o.GetProperty("kind").GetString() is "PersistentVolumeClaim" or "PersistentVolume" or "Namespace");
        Assert.Equal("OnRootMismatch", manifests.PodSpec.GetProperty("securityContext").GetProperty("fsGroupChangePolicy").GetString());
    }

    [Fact]
    public void The_namespace_enforces_the_restricted_pod_security_profile_and_the_pods_meet_it()
    {
        var labels = Items(Assert.Single(manifests.OfKind("Namespace")).GetProperty("metadata"), "labels").ToDictionary(l => l.Name, l => l.Value.GetString());
        var pod = manifests.PodSpec.GetProperty("securityContext");
        var container = manifests.Container.GetProperty("securityContext");

        Assert.Equal("restricted", labels.GetValueOrDefault("pod-security.kubernetes.io/enforce"));
        Assert.True(pod.GetProperty("runAsNonRoot").GetBoolean());
        Assert.Equal("RuntimeDefault", pod.GetProperty("seccompProfile").GetProperty("type").GetString());
        Assert.False(container.GetProperty("allowPrivilegeEscalation").GetBoolean());
        Assert.Equal(["ALL"], Array(container.GetProperty("capabilities"), "drop").Select(c => c.GetString()));
        Assert.DoesNotContain(Array(manifests.PodSpec, "volumes"), v => v.TryGetProperty("hostPath", out _));
    }

    [Fact]
    public void The_example_runs_an_image_pinned_by_digest_and_a_network_policy_guards_the_pods()
    {
        var image = manifests.Container.GetProperty("image").GetString()!;

        Assert.Matches("@sha256:[0-9a-f]{64}$", image);
        Assert.Single(manifests.OfKind("NetworkPolicy"));
        Assert.True(manifests.Container.GetProperty("readinessProbe").GetProperty("timeoutSeconds").GetInt32() >= 5, "the readiness check asks the journal");
    }

    [Fact]
    public void The_image_ships_the_executable_operators_download_and_runs_the_node_unprivileged()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(manifests.Root, "deploy", "k8s", "Dockerfile"));
        var allowed = File.ReadLines(Path.Combine(manifests.Root, ".dockerignore")).Where(l => l.StartsWith('!')).Select(l => l[1..].TrimEnd('/')).ToList();

        Assert.Contains(dockerfile, l => l.StartsWith("RUN ", StringComparison.Ordinal) && l.Contains("scripts/dist.sh", StringComparison.Ordinal));
        // The image's version is stamped at build: members compare it during a rolling update.
        Assert.Contains("ARG VERSION", dockerfile);
        Assert.Contains(dockerfile, l => l.Contains("""DIST_VERSION="$VERSION" bash scripts/dist.sh""", StringComparison.Ordinal));
        Assert.Equal(["USER $APP_UID", """ENTRYPOINT ["smbsync"]""", """CMD ["node"]"""], dockerfile.Where(l => l.Split(' ')[0] is "USER" or "ENTRYPOINT" or "CMD"));
        // Every file the build copies from the context is let through by .dockerignore and exists.
        foreach (var source in dockerfile.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ')[1..^1]).Select(s => s.TrimEnd('/')))
        {
            Assert.Contains(source, allowed);
            Assert.True(File.Exists(Path.Combine(manifests.Root, source)) || Directory.Exists(Path.Combine(manifests.Root, source)), source);
        }
    }

    /// <summary>
    /// The node's settings as a pod gets them: its ConfigMap and Secret volumes written out as files under a temporary
    /// root (paths in the environment moved under it), secret references resolved, the pod IP made up.
    /// </summary>
    private NodeSettings PodSettings()
    {
        var root = Directory.CreateTempSubdirectory("smbsync-pod-").FullName;
        var volumes = Array(manifests.PodSpec, "volumes").ToDictionary(v => v.GetProperty("name").GetString()!);
        foreach (var mount in Array(manifests.Container, "volumeMounts"))
        {
            var directory = Directory.CreateDirectory(root + mount.GetProperty("mountPath").GetString()).FullName;
            var volume = volumes[mount.GetProperty("name").GetString()!];
            if (volume.TryGetProperty("secret", out var issued) && manifests.CertificateFor(issued.GetProperty("secretName").GetString()) is { } certificate)
            {
                // What cert-manager writes: tls.crt, tls.key, ca.crt.
                var files = _certManager.Issue(certificate.GetProperty("spec").GetProperty("commonName").GetString()!);
                File.Copy(files.Certificate, Path.Combine(directory, "tls.crt"));
                File.Copy(files.Key, Path.Combine(directory, "tls.key"));
                File.Copy(files.Ca, Path.Combine(directory, "ca.crt"));
                continue;
            }
            var source = volume.TryGetProperty("configMap", out var c) ? manifests.Named("ConfigMap", c.GetProperty("name").GetString())
                : volume.TryGetProperty("secret", out var s) ? manifests.Named("Secret", s.GetProperty("secretName").GetString())
                : (JsonElement?)null;
            foreach (var (key, content) in source is { } files ? manifests.Files(files) : new Dictionary<string, byte[]>())
            {
                File.WriteAllBytes(Path.Combine(directory, key), content);
            }
        }
        var environment = Array(manifests.Container, "env").ToDictionary(e => e.GetProperty("name").GetString()!, e =>
        {
            if (e.TryGetProperty("value", out var value))
            {
                var text = value.GetString()!;
                return text.StartsWith('/') ? root + text : text;
            }
            var from = e.GetProperty("valueFrom");
            if (from.TryGetProperty("fieldRef", out var field))
            {
                Assert.Equal("status.podIP", field.GetProperty("fieldPath").GetString());
                return PodIp;
            }
            var reference = from.GetProperty("secretKeyRef");
            var secret = Encoding.UTF8.GetString(manifests.Files(manifests.Named("Secret", reference.GetProperty("name").GetString()))[reference.GetProperty("key").GetString()!]);
            // Files the value names (a database URL's sslrootcert=/etc/...) are under the root too.
            return System.Text.RegularExpressions.Regex.Replace(secret, "(?<==)/[^&]+", path => root + path.Value);
        });
        return NodeSettings.Parse([], name => environment.GetValueOrDefault(name));
    }

    public void Dispose() => _certManager.Dispose();

    private static string Selector(IEnumerable<(string Name, string Value)> labels) =>
        string.Join(",", labels.Select(l => $"{l.Name}={l.Value}").Order(StringComparer.Ordinal));

    /// <summary>The labels a NetworkPolicy peer selects pods of the policy's namespace by; null for any other peer (other namespaces, address ranges, everyone).</summary>
    private static string? PodsOfThisNamespace(JsonElement peer) =>
        peer.ValueKind == JsonValueKind.Object && peer.EnumerateObject().Select(p => p.Name).SequenceEqual(["podSelector"])
            ? Selector(Items(peer.GetProperty("podSelector"), "matchLabels").Select(l => (l.Name, l.Value.GetString()!)))
            : null;
}
