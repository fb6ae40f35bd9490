using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using SmbSyncCluster.Node.Cli;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Node.Hosting;

/// <summary>
/// What the HTTP front lets the world reach: the directories job specs may name (<c>--local-root</c>), the names
/// it answers to (<c>--public-url</c>, <c>--allowed-host</c>) and how many event streams it serves at once.
/// </summary>
public sealed record FrontOptions
{
    /// <summary>Event streams served at once unless told otherwise.</summary>
    public const int DefaultMaxEventStreams = 64;

    /// <summary>The environment variables read here (see <see cref="NodeSettings.EnvironmentNames"/>).</summary>
    public static readonly IReadOnlyList<string> EnvironmentNames =
        ["SMBSYNC_LOCAL_ROOTS", "SMBSYNC_PUBLIC_URL", "SMBSYNC_ALLOWED_HOSTS", "SMBSYNC_MAX_EVENT_STREAMS"];

    /// <summary>Directories (real paths) every job's local paths must lie under; empty for anywhere (a loopback front only).</summary>
    public IReadOnlyList<string> LocalRoots { get; init; } = [];

    /// <summary>The address users reach the front at (an ingress, a proxy), if not its own.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>Further host names the front answers to (a Service's DNS name, a proxy's).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Server-sent event streams served at once; beyond, 503.</summary>
    public int MaxEventStreams { get; init; } = DefaultMaxEventStreams;

    /// <summary>
    /// The host names a request's Host may give (compared without the port, ignoring case): localhost and the
    /// loopback addresses; the address the front listens on or, bound to every interface (0.0.0.0, [::]), each
    /// interface's address (a pod's IP, which kubelet probes and Prometheus scrapes); the public URL's host and the
    /// allowed hosts. Never a name nobody configured: that is what a DNS rebinding page sends.
    /// </summary>
    public IReadOnlySet<string> HostNames(Uri http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "::1" };
        var bound = http.Host.Trim('[', ']');
        if (IPAddress.TryParse(bound, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)))
        {
            names.UnionWith(NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => new IPAddress(a.Address.GetAddressBytes()).ToString())); // no IPv6 zone: Host never carries one
        }
        else
        {
            names.Add(bound);
        }
        if (PublicUrl is not null)
        {
            names.Add(PublicUrl.Host.Trim('[', ']'));
        }
        names.UnionWith(AllowedHosts);
        return names;
    }

    /// <summary>The front's options (else their environment variables), not yet checked.</summary>
    internal static Unchecked Read(NodeVerb node, OptionValues values) => new(
        values.List(node.LocalRoot, Path.PathSeparator),
        values.List(node.AllowedHost, ','),
        values.Text(node.PublicUrl),
        values.Number(node.MaxEventStreams, (text, variable) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000
            ? n
            : throw new UsageException($"{variable} '{text}' is not a number from 1 to 10000")));

    /// <summary>The front's options as given, for <see cref="NodeSettings"/> to check once it knows where the front listens.</summary>
    internal sealed record Unchecked(IReadOnlyList<string> Roots, IReadOnlyList<string> Hosts, string? PublicUrl, int MaxStreams)
    {
        /// <summary>The options, checked: a front listening beyond loopback must name its local roots.</summary>
        public FrontOptions Build(bool loopback)
        {
            var roots = Roots.Select(root => Directory.Exists(root)
                ? RealPath.Of(root)
                : throw new UsageException($"--local-root '{root}' does not exist or is not a directory")).ToList();
            if (!loopback && roots.Count == 0)
            {
                throw new UsageException("an HTTP front listening beyond loopback needs at least one --local-root DIR (or SMBSYNC_LOCAL_ROOTS): job specs could name any directory of this machine otherwise");
            }
            foreach (var host in Hosts.Where(h => Uri.CheckHostName(h.Trim('[', ']')) == UriHostNameType.Unknown))
            {
                throw new UsageException($"--allowed-host '{host}' is not a host name or address");
            }
            Uri? publicUrl = null;
            if (PublicUrl is not null
                && (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out publicUrl) || (publicUrl.Scheme != Uri.UriSchemeHttp && publicUrl.Scheme != Uri.UriSchemeHttps)))
            {
                throw new UsageException($"--public-url '{PublicUrl}' is not an http:// or https:// address, like https://smbsync.example.com");
            }
            return new FrontOptions { LocalRoots = roots, AllowedHosts = [.. Hosts.Select(h => h.Trim('[', ']'))], PublicUrl = publicUrl, MaxEventStreams = MaxStreams };
        }
    }
}
