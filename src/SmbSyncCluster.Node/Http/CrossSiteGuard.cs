using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// Refuses what a web page elsewhere can make a browser send: a request from another origin (403: an Origin that
/// is not the node's own, or Sec-Fetch-Site cross-site or same-site) and a body that is not JSON (415: a form or a
/// <c>no-cors</c> fetch can send text/plain without asking; application/json needs a CORS preflight, which the node
/// never grants). Same-site is refused too: another port of localhost, or a sibling subdomain of the public name,
/// is another application. Requests without these headers (curl, the jobs CLI, Prometheus) are not browsers' and pass.
/// </summary>
/// <param name="publicOrigin">The origin of the public URL (an ingress terminating TLS), if any.</param>
internal sealed class CrossSiteGuard(Uri? publicOrigin)
{
    private readonly string? _publicOrigin = publicOrigin?.GetLeftPart(UriPartial.Authority);

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (HealthPaths.IsProbe(request.Path))
        {
            await next();
        }
        else if (!SameOrigin(request))
        {
            await Results.Problem("requests from another site (a web page elsewhere) are refused", statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request")
                .ExecuteAsync(context);
        }
        else if (!JsonOrNoBody(context))
        {
            await Results.Problem("request bodies must be application/json", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type")
                .ExecuteAsync(context);
        }
        else
        {
            await next();
        }
    }

    private bool SameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (!request.Headers.TryGetValue(HeaderNames.Origin, out var values))
        {
            return true;
        }
        // Host is one of the node's names by now (HostGuard); "null" (a sandboxed frame, a file) is no origin of ours.
        var origin = values.ToString().TrimEnd('/');
        return origin.Equals($"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            || (_publicOrigin is not null && origin.Equals(_publicOrigin, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A body, or a content type even with none (an empty form post), must be JSON.</summary>
    private static bool JsonOrNoBody(HttpContext context)
    {
        var request = context.Request;
        var hasBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;
        if (!hasBody && string.IsNullOrEmpty(request.ContentType))
        {
            return true;
        }
        return MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }
}
