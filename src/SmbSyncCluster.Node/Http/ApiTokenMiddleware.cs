using Microsoft.AspNetCore.Http;
using SmbSyncCluster.Node.Dashboard;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// With an API token configured, every call but the health probes (the API, /metrics, the OpenAPI document, the
/// dashboard) must carry <c>Authorization: Bearer &lt;token&gt;</c> or the cookie of a dashboard session signed in
/// with it, checked before anything else answers (even a 415 would tell a stranger what exists). The dashboard's
/// sign-in page, its scripts and styles (the same on every node) and the sign-in itself are open; a page of the
/// dashboard asked for without a session sends the browser to the sign-in page. Without a token the front listens
/// on loopback only (checked at start).
/// </summary>
/// <param name="token">The token, or null for none.</param>
/// <param name="sessions">The dashboard's sessions.</param>
internal sealed class ApiTokenMiddleware(ApiToken? token, DashboardSessions sessions)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (token is null || HealthPaths.IsProbe(request.Path) || DashboardPaths.IsOpen(request) || Authorized(request))
        {
            await next();
            return;
        }
        if (DashboardPaths.IsPage(request))
        {
            context.Response.Redirect(DashboardPaths.SignIn);
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem("this node requires an API token: send Authorization: Bearer <token>", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized")
            .ExecuteAsync(context);
    }

    private bool Authorized(HttpRequest request)
    {
        const string scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? token!.Matches(header[scheme.Length..])
            : sessions.IsSignedIn(request);
    }
}
