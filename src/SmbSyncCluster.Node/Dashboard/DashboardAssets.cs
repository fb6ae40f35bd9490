using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SmbSyncCluster.Node.Dashboard;

/// <summary>
/// The dashboard's pages, scripts and styles, embedded in the executable (resources named <c>dashboard/FILE</c>):
/// a node with no internet and a single-file install serve them as they are, with nothing fetched elsewhere.
/// Read once; answered with an ETag, so a browser asks again cheaply, and with headers that keep other sites out:
/// the pages load nothing but the node's own files, run no inline script, and are shown in no other site's frame.
/// </summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    private readonly Dictionary<string, (byte[] Bytes, string ContentType, string ETag)> _files;

    private DashboardAssets(Dictionary<string, (byte[], string, string)> files) => _files = files;

    /// <summary>The files embedded in this assembly.</summary>
    public static DashboardAssets Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var file = name[Prefix.Length..];
            files[file] = (bytes, ContentTypes[Path.GetExtension(file)], $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
        }
        return new DashboardAssets(files);
    }

    /// <summary>Answers with <paramref name="file"/> (404 for a name that is not one of the files).</summary>
    public IResult Serve(HttpContext context, string file)
    {
        if (!_files.TryGetValue(file, out var found))
        {
            return Results.NotFound();
        }
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = found.ETag;
        if (context.Request.Headers[HeaderNames.IfNoneMatch] == found.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(found.Bytes, found.ContentType);
    }
}
