using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// A parsed <c>smb://[DOMAIN;]USER[:PASSWORD]@HOST[:PORT]/SHARE[/PATH][?protection=sign|encrypt|?guest=true][&amp;auth=negotiate|kerberos|ntlm][&amp;spn=cifs/NAME]</c>
/// (<c>DOMAIN\USER</c> is read as <c>DOMAIN;USER</c>). A
/// password in the URL is accepted but never printed: <see cref="ToString"/> masks it. Options follow the
/// path as in the SMB URI draft (draft-crhertel-smb-url), separated by ';' or '&amp;'.
/// </summary>
public sealed class SmbUrl
{
    private const string ProtectionOption = "protection";
    private const string GuestOption = "guest";
    private const string AuthOption = "auth";
    private const string SpnOption = "spn";

    private SmbUrl(string? domain, string? user, string? password, string host, int port, string share, string path, UrlOptions options)
    {
        Protection = options.Protection;
        Guest = options.Guest;
        Auth = options.Auth;
        ServicePrincipal = options.ServicePrincipal;
        Domain = domain;
        User = user;
        Password = password;
        Host = host;
        Port = port;
        Share = share;
        Path = path;
    }

    /// <summary>The user's domain, when given before ';' (or '\\').</summary>
    public string? Domain { get; }

    /// <summary>The user, or null for anonymous.</summary>
    public string? User { get; }

    /// <summary>A password carried in the URL (discouraged; prefer SMBSYNC_PASSWORD or a password file).</summary>
    public string? Password { get; }

    /// <summary>Host name or address (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>TCP port, 445 unless given.</summary>
    public int Port { get; }

    /// <summary>The share name.</summary>
    public string Share { get; }

    /// <summary>The directory inside the share, '/'-separated, "" for the share root.</summary>
    public string Path { get; }

    /// <summary>Signing or encryption the job demands whatever the server requires.</summary>
    public SmbProtection Protection { get; }

    /// <summary>
    /// True when a guest session is acceptable although a user is named (URL option <c>guest=true</c>):
    /// otherwise a server that admits the user only as guest is refused, as Windows does.
    /// </summary>
    public bool Guest { get; }

    /// <summary>How the session authenticates (URL option <c>auth=</c>, negotiate unless given).</summary>
    public SmbAuthMethod Auth { get; }

    /// <summary>
    /// The server's Kerberos service principal (URL option <c>spn=</c>), for a host reached by an address or a
    /// name the domain does not know it by; null for <c>cifs/</c> and the host.
    /// </summary>
    public string? ServicePrincipal { get; }

    /// <summary>
    /// True when the logon needs no password because Kerberos takes its place: demanded (<c>auth=kerberos</c>, which
    /// says itself what it lacks), or, under negotiate, with a ticket or client keytab at hand for the user.
    /// </summary>
    public bool KerberosNeedsNoPassword() => Auth switch
    {
        SmbAuthMethod.Kerberos => true,
        SmbAuthMethod.Negotiate => User is not null && SmbKerberos.HasTicketOrKeytab(new SmbCredentials(Domain ?? "", User, "")),
        _ => false,
    };

    /// <summary>True when <paramref name="text"/> starts with the smb:// scheme.</summary>
    public static bool IsSmbUrl(string text) => text.StartsWith("smb://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the URL or throws <see cref="FormatException"/> with one line saying what is wrong.</summary>
    public static SmbUrl Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!IsSmbUrl(text))
        {
            throw new FormatException("an SMB location must start with smb://");
        }
        var rest = text["smb://".Length..];
        string? domain = null, user = null, password = null;
        // The user part ends at the authority's last '@' (RFC 3986): a password may hold '@', which must
        // not spill into the host, nor the host name into an error message.
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        var at = (firstSlash < 0 ? rest : rest[..firstSlash]).LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
                userInfo = userInfo[..colon];
            }
            var semicolon = userInfo.IndexOf(';', StringComparison.Ordinal);
            if (semicolon >= 0)
            {
                domain = Uri.UnescapeDataString(userInfo[..semicolon]);
                userInfo = userInfo[(semicolon + 1)..];
            }
            user = Uri.UnescapeDataString(userInfo);
            // DOMAIN\user, as Windows writes it (raw or as %5C): no user name holds a '\', so it is the same as DOMAIN;user.
            if (domain is null && user.Split('\\') is [{ Length: > 0 } windowsDomain, { Length: > 0 } windowsUser])
            {
                (domain, user) = (windowsDomain, windowsUser);
            }
            if (user.Length == 0)
            {
                throw new FormatException("the user name before '@' is empty");
            }
        }
        // An '@' still ahead means a '/' or '?' in the password cut the user part short: its end (up to that '@') is
        // now read as options or path segments, which errors then describe without quoting them.
        var quote = !rest.Contains('@', StringComparison.Ordinal);
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var options = question < 0 ? new UrlOptions() : ParseOptions(rest[(question + 1)..], quote);
        rest = question < 0 ? rest : rest[..question];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var (host, port) = ParseAuthority(authority);
        var segments = (slash < 0 ? "" : rest[(slash + 1)..]).Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length == 0)
        {
            throw new FormatException("the URL names no share (smb://HOST/SHARE[/PATH])");
        }
        foreach (var segment in segments)
        {
            if (!SmbPath.IsValidName(segment, out var reason))
            {
                throw new FormatException($"{(quote ? $"'{segment}'" : "a path segment")} cannot be a share or directory name: {reason}");
            }
        }
        return new SmbUrl(domain, user, password, host, port, segments[0], string.Join('/', segments[1..]), options);
    }

    private static UrlOptions ParseOptions(string query, bool quote)
    {
        var protection = SmbProtection.Default;
        var guest = false;
        var auth = SmbAuthMethod.Negotiate;
        string? spn = null;
        foreach (var option in query.Split([';', '&'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? option : option[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(option[(equals + 1)..]);
            if (name.Equals(ProtectionOption, StringComparison.OrdinalIgnoreCase))
            {
                protection = value.ToLowerInvariant() switch
                {
                    "sign" => SmbProtection.Sign,
                    "encrypt" => SmbProtection.Encrypt,
                    _ => throw new FormatException($"{ProtectionOption} must be sign or encrypt{(quote ? $", not '{value}'" : "")}"),
                };
            }
            else if (name.Equals(GuestOption, StringComparison.OrdinalIgnoreCase))
            {
                guest = bool.TryParse(value, out var allowed)
                    ? allowed
                    : throw new FormatException($"{GuestOption} must be true or false{(quote ? $", not '{value}'" : "")}");
            }
            else if (name.Equals(AuthOption, StringComparison.OrdinalIgnoreCase))
            {
                auth = value.ToLowerInvariant() switch
                {
                    "negotiate" => SmbAuthMethod.Negotiate,
                    "kerberos" => SmbAuthMethod.Kerberos,
                    "ntlm" => SmbAuthMethod.Ntlm,
                    _ => throw new FormatException($"{AuthOption} must be negotiate, kerberos or ntlm{(quote ? $", not '{value}'" : "")}"),
                };
            }
            else if (name.Equals(SpnOption, StringComparison.OrdinalIgnoreCase))
            {
                spn = IsServicePrincipal(value)
                    ? value
                    : throw new FormatException($"{SpnOption} must be a service principal such as cifs/fs1.corp.example{(quote ? $", not '{value}'" : "")}");
            }
            else
            {
                throw new FormatException($"unknown URL option {(quote ? $"'{name}' " : "")}(known: {ProtectionOption}=sign|encrypt, {GuestOption}=true, {AuthOption}=negotiate|kerberos|ntlm, {SpnOption}=cifs/HOST)");
            }
        }
        if (guest && protection != SmbProtection.Default)
        {
            throw new FormatException($"{GuestOption}=true cannot go with {ProtectionOption}: a guest session has no key to sign or encrypt with");
        }
        if (guest && auth == SmbAuthMethod.Kerberos)
        {
            throw new FormatException($"{GuestOption}=true cannot go with {AuthOption}=kerberos: Kerberos never logs on as guest");
        }
        if (spn is not null && auth == SmbAuthMethod.Ntlm)
        {
            throw new FormatException($"{SpnOption}= names a Kerberos service principal, which {AuthOption}=ntlm never uses");
        }
        return new UrlOptions(protection, guest, auth, spn);
    }

    /// <summary><c>service/host</c> with an optional <c>@REALM</c>: one '/', no spaces or control characters, nothing empty.</summary>
    private static bool IsServicePrincipal(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? value : value[..at];
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < name.Length - 1 && name.IndexOf('/', slash + 1) < 0
            && (at < 0 || at < value.Length - 1) && value.IndexOf('@', at + 1) < 0
            && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }

    private static (string Host, int Port) ParseAuthority(string authority)
    {
        string host;
        var portText = "";
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException("an IPv6 host must be closed with ']'");
            }
            host = authority[1..close];
            portText = authority[(close + 1)..] is [':', .. var p] ? p : authority[(close + 1)..];
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? "" : authority[(colon + 1)..];
        }
        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            // Not quoted: a password with an unescaped '/' or '@' may be what landed here.
            throw new FormatException(host.Length == 0 ? "the URL names no host" : "the host is not a host name or address");
        }
        var port = 445;
        if (portText.Length > 0 && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new FormatException("the port is not a TCP port (1-65535)");
        }
        return (host, port);
    }

    /// <summary>
    /// The directory the URL names, in one spelling: <c>host:port/share/path</c>, equal for two URLs exactly when
    /// they name the same directory as written. Host and share are in lower case (DNS names and SMB share names
    /// ignore case); the port is always there (445 when not given); the path is decoded, without empty segments,
    /// and keeps its case: a Samba share may be case-sensitive, and one base for two directories that differ
    /// only in case would delete in one what was removed from the other. Who connects (domain, user, password)
    /// and how (protection, guest) is not part of the place: the same account may be spelled with another case
    /// or with a domain (an NTLM client sends no domain as an empty one, which a server need not read as its
    /// workgroup), and none of it changes which directory is synced. Two spellings of one host (a name and its
    /// address, an alias) still give two places: telling them apart would take a name lookup whose answer can change.
    /// </summary>
    public string PlaceKey
    {
        get
        {
            // An address in one notation (IPv6 compressed, in brackets), a name in lower case.
            var host = IPAddress.TryParse(Host, out var address)
                ? address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString()
                : Host.ToLowerInvariant();
            var segments = Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Prepend(Share.ToLowerInvariant());
            return string.Create(CultureInfo.InvariantCulture, $"{host}:{Port}/{string.Join('/', segments)}");
        }
    }

    /// <summary>The URL with the password, if any, masked as <see cref="PasswordMask"/> masks one in a URL's text.</summary>
    public override string ToString() => Format(Password is null ? "" : ":" + PasswordMask.Placeholder);

    /// <summary>The URL with no password at all: what a stored job spec may hold.</summary>
    public string WithoutPassword() => Format("");

    private string Format(string passwordPart)
    {
        var user = User is null ? "" : $"{(Domain is null ? "" : Uri.EscapeDataString(Domain) + ";")}{Uri.EscapeDataString(User)}{passwordPart}@";
        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        var port = Port == 445 ? "" : string.Create(CultureInfo.InvariantCulture, $":{Port}");
        var segments = string.Join('/', Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Prepend(Share).Select(Uri.EscapeDataString));
        var options = new List<string>();
        if (Protection != SmbProtection.Default)
        {
            options.Add($"{ProtectionOption}={Protection.ToString().ToLowerInvariant()}");
        }
        if (Guest)
        {
            options.Add($"{GuestOption}=true");
        }
        if (Auth != SmbAuthMethod.Negotiate)
        {
            options.Add($"{AuthOption}={Auth.ToString().ToLowerInvariant()}");
        }
        if (ServicePrincipal is not null)
        {
            options.Add($"{SpnOption}={Uri.EscapeDataString(ServicePrincipal)}");
        }
        return $"smb://{user}{host}{port}/{segments}{(options.Count == 0 ? "" : "?" + string.Join('&', options))}";
    }
}
