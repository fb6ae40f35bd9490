using Microsoft.AspNetCore.Http;

namespace SmbSyncCluster.Node.Dashboard;

/// <summary>Where the dashboard lives on the front: its pages, its static assets under <see cref="Assets"/>, its sign-in.</summary>
internal static class DashboardPaths
{
    /// <summary>The sign-in page.</summary>
    public const string SignIn = "/login";

    /// <summary>Scripts and styles.</summary>
    public const string Assets = "/ui";

    /// <summary>The session resource: POST signs in, DELETE signs out, GET says whether a token is needed.</summary>
    public const string Session = "/ui/session";

    /// <summary>What a stranger may ask for on a node with a token: the sign-in page, the assets every node serves alike, and signing in.</summary>
    public static bool IsOpen(HttpRequest request)
    {
        var path = request.Path;
        if (path.Equals(Session, StringComparison.Ordinal))
        {
            return HttpMethods.IsPost(request.Method) || HttpMethods.IsGet(request.Method);
        }
        return HttpMethods.IsGet(request.Method) && (path.Equals(SignIn, StringComparison.Ordinal) || path.StartsWithSegments(Assets, StringComparison.Ordinal));
    }

    /// <summary>Whether the request asks for one of the dashboard's pages (which a browser without a session is sent to sign in from).</summary>
    public static bool IsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && (request.Path == "/" || request.Path == DashboardRoutes.NewJob || request.Path.StartsWithSegments("/jobs", StringComparison.Ordinal));
}
