using System.Globalization;
using System.Text.RegularExpressions;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Versions;

/// <summary>
/// Where a kept version of a file lives and what it is called: under <see cref="Area"/> at the root of the
/// side that lost it, at the same relative path, named <c>stem~YYYYMMDD-HHMMSS-mmm.ext</c> with the UTC time
/// it was kept (<c>docs/report.txt</c> kept at 20:15:00.123 on 7 December 2026 is
/// <c>.smbsync-versions/docs/report~20261207-201500-123.txt</c>). The extension stays last so that a version
/// opens with the same program; the versions of one file sort by time. The name round-trips: the stamp is the
/// last <c>~</c> of the name, since an extension holding a <c>~</c> or a name that is all extension
/// (<c>.bashrc</c>) is kept whole before the stamp (<c>.bashrc~20261207-201500-123</c>).
/// </summary>
public static partial class VersionNames
{
    /// <summary>The directory at each side's root that holds the versions; never synced nor scanned as content.</summary>
    public const string Area = ".smbsync-versions";

    private const string StampFormat = "yyyyMMdd-HHmmss-fff";

    /// <summary>True for the versions area's name (compared as SMB does, ignoring case, since an SMB share would hold either spelling as the same directory).</summary>
    public static bool IsArea(string name) => name.Equals(Area, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for <paramref name="path"/> at or under the versions area.</summary>
    public static bool IsInArea(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return IsArea(slash < 0 ? path : path[..slash]);
    }

    /// <summary>The name of the version of the file called <paramref name="name"/> kept at <paramref name="keptUtc"/>.</summary>
    public static string VersionOf(string name, DateTime keptUtc)
    {
        var extension = Extension(name);
        var stamp = keptUtc.ToUniversalTime().ToString(StampFormat, CultureInfo.InvariantCulture);
        return $"{name[..^extension.Length]}~{stamp}{extension}";
    }

    /// <summary>The path in the versions area of the version of <paramref name="path"/> kept at <paramref name="keptUtc"/>.</summary>
    public static string PathOf(string path, DateTime keptUtc)
    {
        RelativePath.Check(path);
        return RelativePath.Combine(InArea(RelativePath.Parent(path).ToString()), VersionOf(RelativePath.Name(path).ToString(), keptUtc));
    }

    /// <summary>The directory of the versions area that mirrors <paramref name="directory"/> ("" for the root).</summary>
    public static string InArea(string directory) => directory.Length == 0 ? Area : RelativePath.Combine(Area, directory);

    /// <summary>
    /// The file a version name was kept from and when, or null for a name that is no version (a user's file
    /// put in the area, or whatever a server lists there): such names are left alone.
    /// </summary>
    public static (string Name, DateTime KeptUtc)? Parse(string versionName)
    {
        var match = VersionPattern().Match(versionName);
        if (!match.Success
            || !DateTime.TryParseExact(match.Groups["stamp"].Value, StampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var kept))
        {
            return null;
        }
        var name = match.Groups["stem"].Value + match.Groups["ext"].Value;
        return name.Length == 0 || name is "." or ".." ? null : (name, kept);
    }

    /// <summary>The extension kept after the stamp: none for a name that is all extension or whose extension holds a '~', so that the stamp is always the name's last '~'.</summary>
    private static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 || name.IndexOf('~', dot) >= 0 ? "" : name[dot..];
    }

    [GeneratedRegex(@"^(?<stem>.*)~(?<stamp>[0-9]{8}-[0-9]{6}-[0-9]{3})(?<ext>(\.[^.~]*)?)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex VersionPattern();
}
