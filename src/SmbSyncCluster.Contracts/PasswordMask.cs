namespace SmbSyncCluster.Contracts;

/// <summary>
/// How a password written into a URL is hidden wherever the URL is printed, logged or returned: replaced by
/// <see cref="Placeholder"/>, the rest of the URL left as written so that the user still recognizes it.
/// </summary>
public static class PasswordMask
{
    /// <summary>What stands in for a password.</summary>
    public const string Placeholder = "***";

    /// <summary>
    /// <paramref name="url"/> with the password of <c>smb://user:password@host/...</c> replaced by
    /// <see cref="Placeholder"/>; anything else (no password, not an smb:// URL, a local path) as it is.
    /// </summary>
    public static string InUrl(string? url)
    {
        const int schemeLength = 6; // "smb://"
        if (url is null || !url.StartsWith("smb://", StringComparison.OrdinalIgnoreCase))
        {
            return url ?? "";
        }
        var authorityEnd = url.IndexOf('/', schemeLength);
        var authority = authorityEnd < 0 ? url[schemeLength..] : url[schemeLength..authorityEnd];
        var at = authority.LastIndexOf('@');
        var colon = at < 0 ? -1 : authority.IndexOf(':', 0, at);
        return colon < 0 ? url : string.Concat(url.AsSpan(0, schemeLength + colon + 1), Placeholder, url.AsSpan(schemeLength + at));
    }
}
