using System.Text;
using System.Text.RegularExpressions;

namespace SmbSyncCluster.Sync.Scanning;

/// <summary>
/// Include and exclude globs, as rsync and rclone users expect: <c>*</c> matches within one name,
/// <c>**</c> across directories, <c>?</c> one character. A pattern without '/' matches a name at any
/// depth; one with '/' is anchored at the root. An excluded directory is not walked. With includes,
/// only files matching one of them are synced (directories are still walked).
/// </summary>
public sealed class PathFilter
{
    private readonly Regex[] _excludes;
    private readonly Regex[] _includes;

    /// <summary>Compiles the globs; an empty pattern is refused.</summary>
    /// <exception cref="ArgumentException">a pattern is empty.</exception>
    public PathFilter(IEnumerable<string> excludes, IEnumerable<string> includes)
    {
        _excludes = [.. excludes.Select(Compile)];
        _includes = [.. includes.Select(Compile)];
    }

    /// <summary>A filter that keeps everything.</summary>
    public static PathFilter None { get; } = new([], []);

    /// <summary>True when the directory at <paramref name="path"/> should be walked.</summary>
    public bool WalkDirectory(string path) => !_excludes.Any(r => r.IsMatch(path));

    /// <summary>True when the file at <paramref name="path"/> takes part in the sync.</summary>
    public bool KeepFile(string path) =>
        !_excludes.Any(r => r.IsMatch(path)) && (_includes.Length == 0 || _includes.Any(r => r.IsMatch(path)));

    private static Regex Compile(string glob)
    {
        if (string.IsNullOrWhiteSpace(glob))
        {
            throw new ArgumentException("an include or exclude pattern is empty");
        }
        var anchored = glob.Contains('/', StringComparison.Ordinal);
        var pattern = glob.TrimStart('/').TrimEnd('/');
        var sb = new StringBuilder(anchored ? "^" : "(^|/)");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                sb.Append(".*");
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    sb.Append("/?");
                    i++;
                }
            }
            else
            {
                sb.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }
        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
    }
}
