using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// With an API token configured, every /api call must carry <c>Authorization: Bearer &lt;token&gt;</c>;
/// compared in constant time, never logged. Without one the front listens on loopback only (checked at start).
/// </summary>
/// <param name="token">The token, or null for none.</param>
internal sealed class ApiTokenFilter(string? token) : IEndpointFilter
{
    private readonly byte[]? _expected = token is null ? null : Encoding.UTF8.GetBytes(token);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_expected is null || Authorized(context.HttpContext.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }
        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return ValueTask.FromResult<object?>(Results.Problem(
            "this node requires an API token: send Authorization: Bearer <token>", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized"));
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
