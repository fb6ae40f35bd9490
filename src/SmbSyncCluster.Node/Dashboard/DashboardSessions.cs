using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SmbSyncCluster.Node.Dashboard;

/// <summary>
/// The dashboard's sign-ins on a node with an API token. Signing in with the token hands the browser a random session
/// id in an HttpOnly, SameSite=Strict cookie: the token itself never stays in the browser, never appears in a URL,
/// and scripts (an injected one included) cannot read the session. The node keeps only digests of the ids, in
/// memory: a restart signs everyone out. A session lasts <see cref="Lifetime"/>; at most <see cref="MaxSessions"/>
/// are kept, the oldest dropped first, so that signing in over and over costs the node nothing lasting.
/// </summary>
internal sealed class DashboardSessions(TimeProvider time)
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "smbsync-session";

    /// <summary>How long a sign-in lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>Most sessions kept at once.</summary>
    public const int MaxSessions = 1000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    /// <summary>Starts a session and sets its cookie on the response.</summary>
    /// <param name="context">The sign-in request.</param>
    /// <param name="secure">Whether the browser reaches the node over HTTPS (directly or through a proxy), so the cookie is only ever sent over it.</param>
    public void SignIn(HttpContext context, bool secure)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        foreach (var expired in _expiries.Where(e => e.Value <= now).Select(e => e.Key).ToList())
        {
            _expiries.TryRemove(expired, out _);
        }
        while (_expiries.Count >= MaxSessions && _expiries.MinBy(e => e.Value) is { Key: { } oldest })
        {
            _expiries.TryRemove(oldest, out _);
        }
        _expiries[Digest(id)] = now + Lifetime;
        context.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = secure,
            Path = "/",
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>Whether the request carries the cookie of a live session.</summary>
    public bool IsSignedIn(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var id) && id is not null
        && _expiries.TryGetValue(Digest(id), out var expiry) && expiry > time.GetUtcNow();

    /// <summary>Ends the request's session, if any, and clears its cookie.</summary>
    public void SignOut(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out var id) && id is not null)
        {
            _expiries.TryRemove(Digest(id), out _);
        }
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict });
    }

    private static string Digest(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
