namespace SmbSyncCluster.Node.Hosting;

/// <summary>
/// Cluster formation on Kubernetes (<c>--discovery kubernetes</c>): instead of static seeds, Akka.Management's
/// cluster bootstrap lists the pods matching <see cref="Selector"/> through the Kubernetes API, probes their
/// management endpoints and joins the cluster they run, or forms one once <see cref="RequiredContacts"/> pods agree.
/// </summary>
public sealed record KubernetesDiscovery
{
    /// <summary>The default management (bootstrap) HTTP port, Akka.Management's own.</summary>
    public const int DefaultManagementPort = 8558;

    /// <summary>The default service name.</summary>
    public const string DefaultService = "smbsync";

    /// <summary>
    /// Akka.Management's default: one pod alone never forms a cluster of its own, so pods started at once cannot
    /// form two. A deployment that starts with a single replica sets 1.
    /// </summary>
    public const int DefaultRequiredContacts = 2;

    /// <summary>The name of the container port discovery reads each pod's management port from.</summary>
    public const string ManagementPortName = "management";

    /// <summary>The service name the bootstrap looks up (and names itself by in its log).</summary>
    public required string Service { get; init; }

    /// <summary>The Kubernetes label selector of the node pods, e.g. <c>app.kubernetes.io/name=smbsync</c>.</summary>
    public required string Selector { get; init; }

    /// <summary>How many pods must be found before a new cluster is formed.</summary>
    public required int RequiredContacts { get; init; }

    /// <summary>The port of the management HTTP endpoint that other pods probe.</summary>
    public required int ManagementPort { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"discovery=kubernetes(selector={Selector}, contacts={RequiredContacts}, management-port={ManagementPort})";
}
