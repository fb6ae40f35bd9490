using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using SmbSyncCluster.Node.Http;

namespace SmbSyncCluster.Node.Dashboard;

/// <summary>
/// The dashboard's sign-ins on a node with an API token. Signing in with the token hands the browser a session in an
/// HttpOnly, SameSite=Strict cookie: the token itself never stays in the browser, never appears in a URL, and scripts
/// (an injected one included) cannot read the session. The cookie is its expiry and a random nonce, signed with a key
/// derived from the token (<see cref="ApiToken.SessionKey"/>): every node of the deployment accepts it, whichever
/// pod a load balancer picks, nothing is stored, and replacing the token ends every session. A session lasts
/// <see cref="Lifetime"/>; signing out removes the cookie from the browser.
/// </summary>
internal sealed class DashboardSessions(TimeProvider time, ApiToken? token)
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "smbsync-session";

    /// <summary>How long a sign-in lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    // Without a token nobody signs in; a random key makes every cookie invalid rather than special-casing it.
    private readonly byte[] _key = token?.SessionKey ?? RandomNumberGenerator.GetBytes(32);

    /// <summary>Starts a session and sets its cookie on the response.</summary>
    /// <param name="context">The sign-in request.</param>
    /// <param name="secure">Whether the browser reaches the node over HTTPS (directly or through a proxy), so the cookie is only ever sent over it.</param>
    public void SignIn(HttpContext context, bool secure)
    {
        var expiry = (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = expiry + "." + Base64Url(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CookieName, payload + "." + Base64Url(Mac(payload)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = secure,
            Path = "/",
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>Whether the request carries the cookie of a session this deployment signed that has not expired.</summary>
    public bool IsSignedIn(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var cookie) || cookie is null)
        {
            return false;
        }
        var macAt = cookie.LastIndexOf('.');
        var expiryEnd = cookie.IndexOf('.', StringComparison.Ordinal);
        if (macAt <= expiryEnd || expiryEnd <= 0)
        {
            return false;
        }
        var payload = cookie[..macAt];
        return TryBase64Url(cookie[(macAt + 1)..], out var given)
            && CryptographicOperations.FixedTimeEquals(given, Mac(payload))
            && long.TryParse(cookie[..expiryEnd], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)
            && time.GetUtcNow().ToUnixTimeSeconds() < expiry;
    }

    /// <summary>Clears the session's cookie.</summary>
    public static void SignOut(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict });

    private byte[] Mac(string payload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        return false;
    }
}
