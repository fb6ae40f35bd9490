using Microsoft.AspNetCore.Http;
using SmbSyncCluster.Node.Dashboard;
using SmbSyncCluster.Node.Http;

namespace SmbSyncCluster.Node.Tests.Dashboard;

/// <summary>The dashboard's sessions: what the cookie carries, how long it is good for, and which nodes accept it.</summary>
public sealed class DashboardSessionsTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualClock _clock = new();

    private DashboardSessions Sessions(string? token = "the-token") => new(_clock, ApiToken.Of(token));

    /// <summary>Signs in; returns the Set-Cookie header and a request carrying the cookie.</summary>
    private static (string SetCookie, HttpRequest Request) SignIn(DashboardSessions sessions, bool secure = false)
    {
        var response = new DefaultHttpContext();
        sessions.SignIn(response, secure);
        var setCookie = response.Response.Headers.SetCookie.ToString();
        return (setCookie, RequestWith(setCookie.Split(';')[0]));
    }

    private static HttpRequest RequestWith(string cookie)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.Cookie = cookie;
        return request;
    }

    [Fact]
    public void The_cookie_is_a_random_httponly_strict_session_that_ends_after_its_lifetime()
    {
        var sessions = Sessions();
        var (setCookie, request) = SignIn(sessions);
        var (secureCookie, _) = SignIn(sessions, secure: true);
        var (_, other) = SignIn(sessions);

        var signedIn = sessions.IsSignedIn(request);
        _clock.Now += DashboardSessions.Lifetime - TimeSpan.FromSeconds(1);
        var nearlyExpired = sessions.IsSignedIn(request);
        _clock.Now += TimeSpan.FromSeconds(1);
        var expired = sessions.IsSignedIn(request);

        Assert.StartsWith(DashboardSessions.CookieName + "=", setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain("the-token", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", secureCookie, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(request.Headers.Cookie.ToString(), other.Headers.Cookie.ToString());
        Assert.True(signedIn && nearlyExpired);
        Assert.False(expired);
    }

    [Fact]
    public void Every_node_with_the_token_accepts_a_session_and_nothing_else_does()
    {
        var (setCookie, request) = SignIn(Sessions());
        var cookie = setCookie.Split(';')[0];
        var (expiry, rest) = (cookie.Split('=', 2)[1].Split('.')[0], cookie[(cookie.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        var laterExpiry = RequestWith($"{DashboardSessions.CookieName}={long.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture) + 86400}.{rest}");
        var forged = RequestWith(DashboardSessions.CookieName + "=99999999999.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var signOut = new DefaultHttpContext();
        DashboardSessions.SignOut(signOut);

        Assert.True(Sessions().IsSignedIn(request)); // another node of the deployment
        Assert.False(Sessions("a-new-token").IsSignedIn(request));
        Assert.False(Sessions(token: null).IsSignedIn(request));
        Assert.False(Sessions().IsSignedIn(laterExpiry));
        Assert.False(Sessions().IsSignedIn(forged));
        Assert.False(Sessions().IsSignedIn(RequestWith(DashboardSessions.CookieName + "=garbage")));
        Assert.Contains(DashboardSessions.CookieName + "=;", signOut.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
    }
}
