using System.Net;
using Microsoft.AspNetCore.Http;

namespace SmbSyncCluster.Node.Http;

/// <summary>
/// Refuses (421) a request whose Host is not one of the node's names. A page that rebinds its own DNS name to
/// 127.0.0.1 talks to the node as its own origin and can read what it answers, but its requests still carry
/// its name in Host. Checked before the token: the name is wrong whoever asks.
/// </summary>
/// <param name="names">The names and addresses the front answers to (see <c>FrontOptions.HostNames</c>).</param>
internal sealed class HostGuard(IReadOnlySet<string> names)
{
    private readonly HashSet<string> _names = new(names.Select(Normalized), StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (HealthPaths.IsProbe(context.Request.Path) || _names.Contains(Normalized(context.Request.Host.Host)))
        {
            await next();
            return;
        }
        await Results.Problem(
                "the Host header does not name this node; a name it is reached by is given with --allowed-host NAME or --public-url URL",
                statusCode: StatusCodes.Status421MisdirectedRequest, title: "Unknown host")
            .ExecuteAsync(context);
    }

    /// <summary>One spelling per name: no brackets or trailing dot, addresses in their canonical form.</summary>
    private static string Normalized(string host)
    {
        var name = host.Trim('[', ']').TrimEnd('.');
        return IPAddress.TryParse(name, out var address) ? address.ToString() : name;
    }
}
