using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmbSyncCluster.Node.Http;

namespace SmbSyncCluster.Node.Dashboard;

/// <summary>
/// The web dashboard: static pages whose scripts read and drive the JSON API (<c>/api/...</c>) of the node that served
/// them, which reaches every job of the cluster. The pages are the same on every node; what they show comes from the
/// API, under its rules (token, Host, cross-site checks, masked URLs). Signing in trades the token for a session
/// cookie (<see cref="DashboardSessions"/>) with a JSON POST, which another site cannot send.
/// </summary>
internal static class DashboardRoutes
{
    /// <summary>The page that creates a job (not under /jobs/, where a job may be called "new").</summary>
    public const string NewJob = "/new";

    /// <summary>Maps the pages, assets and the session resource.</summary>
    /// <param name="app">The front.</param>
    /// <param name="token">The node's API token, or null for none.</param>
    /// <param name="publicUrl">The URL users reach the node by through a proxy, if any: an https one makes the cookie Secure.</param>
    public static void MapDashboard(this IEndpointRouteBuilder app, ApiToken? token, Uri? publicUrl)
    {
        var assets = DashboardAssets.Load();
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", (HttpContext c) => assets.Serve(c, "index.html"));
        pages.MapGet(NewJob, (HttpContext c) => assets.Serve(c, "form.html"));
        pages.MapGet("/jobs/{id}", (HttpContext c) => assets.Serve(c, "job.html"));
        pages.MapGet("/jobs/{id}/edit", (HttpContext c) => assets.Serve(c, "form.html"));
        pages.MapGet(DashboardPaths.SignIn, (HttpContext c) => assets.Serve(c, "login.html"));
        pages.MapGet(DashboardPaths.Assets + "/{file}", (string file, HttpContext c) =>
            file.EndsWith(".html", StringComparison.Ordinal) ? Results.NotFound() : assets.Serve(c, file));

        pages.MapGet(DashboardPaths.Session, (HttpRequest request, DashboardSessions sessions) =>
            Results.Ok(new { tokenRequired = token is not null, signedIn = token is null || sessions.IsSignedIn(request) }));
        pages.MapPost(DashboardPaths.Session, async (HttpContext context, DashboardSessions sessions) =>
        {
            if (token is null)
            {
                return Results.Problem("this node needs no token", statusCode: StatusCodes.Status400BadRequest, title: "No token needed");
            }
            var given = await ReadTokenAsync(context.Request);
            if (!token.Matches(given))
            {
                return Results.Problem("that is not this node's API token", statusCode: StatusCodes.Status401Unauthorized, title: "Wrong token");
            }
            sessions.SignIn(context, context.Request.IsHttps || IsPublicHttps(context.Request, publicUrl));
            return Results.NoContent();
        });
        pages.MapDelete(DashboardPaths.Session, (HttpContext context) =>
        {
            DashboardSessions.SignOut(context);
            return Results.NoContent();
        });
    }

    private static async Task<string?> ReadTokenAsync(HttpRequest request)
    {
        try
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return body is JsonObject o && o["token"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>A request that came through the https public URL's proxy: the browser sees HTTPS although the node does not.</summary>
    private static bool IsPublicHttps(HttpRequest request, Uri? publicUrl) =>
        publicUrl is { Scheme: "https" } && string.Equals(request.Host.Host, publicUrl.Host, StringComparison.OrdinalIgnoreCase);
}
