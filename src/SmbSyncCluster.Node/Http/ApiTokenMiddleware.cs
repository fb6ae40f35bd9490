using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// With an API token configured, every /api call must carry <c>Authorization: Bearer &lt;token&gt;</c>,
/// checked before anything else answers (even a 415 would tell a stranger what exists); compared in
/// constant time, never logged. Without a token the front listens on loopback only (checked at start).
/// </summary>
/// <param name="token">The token, or null for none.</param>
internal sealed class ApiTokenMiddleware(string? token)
{
    private readonly byte[]? _expected = token is null ? null : Encoding.UTF8.GetBytes(token);

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (_expected is null || !context.Request.Path.StartsWithSegments("/api") || Authorized(context.Request.Headers.Authorization.ToString()))
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
        var given = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }
}
