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

    /// <summary>Reads the options and their environment variables for <see cref="NodeSettings.Parse"/>.</summary>
    internal sealed class Reader
    {
        private readonly List<string> _roots;
        private readonly List<string> _hosts;
        private string? _publicUrl;
        private int _maxStreams;
        private bool _rootsGiven;
        private bool _hostsGiven;

        public Reader(Func<string, string?> environment)
        {
            _roots = [.. (environment("SMBSYNC_LOCAL_ROOTS") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            _hosts = [.. (environment("SMBSYNC_ALLOWED_HOSTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            _publicUrl = environment("SMBSYNC_PUBLIC_URL");
            var max = environment("SMBSYNC_MAX_EVENT_STREAMS");
            _maxStreams = max is null ? DefaultMaxEventStreams
                : int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000 ? n
                : throw new UsageException($"SMBSYNC_MAX_EVENT_STREAMS '{max}' is not a number from 1 to 10000");
        }

        /// <summary>Takes the current option if it is one of these; false otherwise.</summary>
        public bool TryRead(ArgumentReader reader)
        {
            switch (reader.Current)
            {
                case "--local-root":
                    Replace(_roots, ref _rootsGiven).Add(reader.Value());
                    return true;
                case "--allowed-host":
                    Replace(_hosts, ref _hostsGiven).Add(reader.Value());
                    return true;
                case "--public-url":
                    _publicUrl = reader.Value();
                    return true;
                case "--max-event-streams":
                    _maxStreams = reader.Number(1, 10_000);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The options, checked: a front listening beyond loopback must name its local roots.</summary>
        public FrontOptions Build(bool loopback)
        {
            var roots = _roots.Select(root => Directory.Exists(root)
                ? RealPath.Of(root)
                : throw new UsageException($"--local-root '{root}' does not exist or is not a directory")).ToList();
            if (!loopback && roots.Count == 0)
            {
                throw new UsageException("an HTTP front listening beyond loopback needs at least one --local-root DIR (or SMBSYNC_LOCAL_ROOTS): job specs could name any directory of this machine otherwise");
            }
            foreach (var host in _hosts.Where(h => Uri.CheckHostName(h.Trim('[', ']')) == UriHostNameType.Unknown))
            {
                throw new UsageException($"--allowed-host '{host}' is not a host name or address");
            }
            Uri? publicUrl = null;
            if (_publicUrl is not null
                && (!Uri.TryCreate(_publicUrl, UriKind.Absolute, out publicUrl) || (publicUrl.Scheme != Uri.UriSchemeHttp && publicUrl.Scheme != Uri.UriSchemeHttps)))
            {
                throw new UsageException($"--public-url '{_publicUrl}' is not an http:// or https:// address, like https://smbsync.example.com");
            }
            return new FrontOptions { LocalRoots = roots, AllowedHosts = [.. _hosts.Select(h => h.Trim('[', ']'))], PublicUrl = publicUrl, MaxEventStreams = _maxStreams };
        }

        /// <summary>Options replace the environment's list rather than add to it.</summary>
        private static List<string> Replace(List<string> list, ref bool given)
        {
            if (!given)
            {
                list.Clear();
                given = true;
            }
            return list;
        }
    }
}
