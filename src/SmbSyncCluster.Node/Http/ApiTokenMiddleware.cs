using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// With an API token configured, every call but the health probes (the API, /metrics, the OpenAPI document) must
/// carry <c>Authorization: Bearer &lt;token&gt;</c>, checked before anything else answers (even a 415 would tell a
/// stranger what exists); never logged. Compared as SHA-256 digests in constant time, so neither the time to
/// answer nor its dependence on the length tells a guess how close it came. Without a token the front listens on
/// loopback only (checked at start).
/// </summary>
/// <param name="token">The token, or null for none.</param>
internal sealed class ApiTokenMiddleware(string? token)
{
    private readonly byte[]? _expected = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (_expected is null || HealthPaths.IsProbe(context.Request.Path) || Authorized(context.Request.Headers.Authorization.ToString()))
        {
            await next();
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem("this node requires an API token: send Authorization: Bearer <token>", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized")
            .ExecuteAsync(context);
    }

    private bool Authorized(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }
}
