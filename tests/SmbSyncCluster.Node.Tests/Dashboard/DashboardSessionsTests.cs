using Microsoft.AspNetCore.Http;
using SmbSyncCluster.Node.Dashboard;

namespace SmbSyncCluster.Node.Tests.Dashboard;

/// <summary>The dashboard's sessions: what the cookie carries, how long a session lives, how many are kept.</summary>
public sealed class DashboardSessionsTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualClock _clock = new();

    /// <summary>Signs in; returns the Set-Cookie header and a request carrying the cookie.</summary>
    private static (string SetCookie, HttpRequest Request) SignIn(DashboardSessions sessions, bool secure = false)
    {
        var response = new DefaultHttpContext();
        sessions.SignIn(response, secure);
        var setCookie = response.Response.Headers.SetCookie.ToString();
        var request = new DefaultHttpContext().Request;
        request.Headers.Cookie = setCookie.Split(';')[0];
        return (setCookie, request);
    }

    [Fact]
    public void The_cookie_is_a_random_httponly_strict_session_that_ends_after_its_lifetime()
    {
        var sessions = new DashboardSessions(_clock);
        var (setCookie, request) = SignIn(sessions);
        var (secureCookie, _) = SignIn(sessions, secure: true);
        var (_, other) = SignIn(sessions);

        var signedIn = sessions.IsSignedIn(request);
        _clock.Now += DashboardSessions.Lifetime - TimeSpan.FromSeconds(1);
        var nearlyExpired = sessions.IsSignedIn(request);
        _clock.Now += TimeSpan.FromSeconds(1);
        var expired = sessions.IsSignedIn(request);

        Assert.StartsWith(DashboardSessions.CookieName + "=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", secureCookie, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(request.Headers.Cookie.ToString(), other.Headers.Cookie.ToString());
        Assert.True(signedIn && nearlyExpired);
        Assert.False(expired);
    }

    [Fact]
    public void A_forged_or_signed_out_cookie_is_no_session()
    {
        var sessions = new DashboardSessions(_clock);
        var (_, request) = SignIn(sessions);
        var forged = new DefaultHttpContext().Request;
        forged.Headers.Cookie = DashboardSessions.CookieName + "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

        var signOut = new DefaultHttpContext();
        signOut.Request.Headers.Cookie = request.Headers.Cookie;
        sessions.SignOut(signOut);

        Assert.False(sessions.IsSignedIn(forged));
        Assert.False(sessions.IsSignedIn(request));
        Assert.Contains(DashboardSessions.CookieName + "=;", signOut.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Past_the_most_sessions_kept_the_oldest_ends_first()
    {
        var sessions = new DashboardSessions(_clock);
        var (_, oldest) = SignIn(sessions);
        for (var i = 1; i < DashboardSessions.MaxSessions; i++)
        {
            _clock.Now += TimeSpan.FromMilliseconds(1);
            SignIn(sessions);
        }
        _clock.Now += TimeSpan.FromMilliseconds(1);
        var beforeOneMore = sessions.IsSignedIn(oldest);
        var (_, newest) = SignIn(sessions);

        Assert.True(beforeOneMore);
        Assert.False(sessions.IsSignedIn(oldest));
        Assert.True(sessions.IsSignedIn(newest));
    }
}
