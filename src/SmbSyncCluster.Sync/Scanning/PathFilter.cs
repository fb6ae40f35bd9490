using System.Text;
using System.Text.RegularExpressions;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Sync.Scanning;

/// <summary>
/// Include and exclude globs, as rsync and rclone users expect: <c>*</c> matches within one name,
/// <c>**</c> across directories, <c>?</c> one character. A pattern without '/' matches a name at any
/// depth; one with '/' is anchored at the root, except a trailing one, which makes the pattern match
/// directories only (<c>node_modules/</c> leaves out every directory of that name, not a file; as an
/// include, <c>docs/</c> keeps every file under a directory of that name). An excluded directory is not
/// walked. With includes, only files matching one of them are synced (directories are still walked).
/// Hidden paths, taken literally, are left out with everything under them, whatever the globs say.
/// </summary>
public sealed class PathFilter
{
    private readonly Regex[] _excludes;
    private readonly Regex[] _fileExcludes;
    private readonly Regex[] _includes;
    private readonly HashSet<string> _hidden;

    /// <summary>Compiles the globs; an empty pattern is refused.</summary>
    /// <param name="excludes">Globs of paths left out.</param>
    /// <param name="includes">Globs of the only files kept, when there are any.</param>
    /// <param name="hidden">Relative paths left out as they are (no glob), such as the node's own data directory.</param>
    /// <exception cref="ArgumentException">a pattern is empty or too long, or there are too many.</exception>
    public PathFilter(IEnumerable<string> excludes, IEnumerable<string> includes, IEnumerable<string>? hidden = null)
    {
        var excluded = excludes.ToList();
        var included = includes.ToList();
        if (excluded.Count + included.Count > MaxPatterns)
        {
            throw new ArgumentException($"{excluded.Count + included.Count} include and exclude patterns; at most {MaxPatterns} are allowed");
        }
        _excludes = [.. excluded.Select(glob => Compile(glob))];
        _fileExcludes = [.. excluded.Where(glob => !glob.EndsWith('/')).Select(glob => Compile(glob))];
        _includes = [.. included.Select(glob => Compile(glob, within: glob.EndsWith('/')))];
        _hidden = new HashSet<string>(hidden ?? [], StringComparer.Ordinal);
    }

    /// <summary>At most this many patterns, each of at most <see cref="MaxPatternLength"/> characters: a job spec may come from anyone allowed to define jobs.</summary>
    public const int MaxPatterns = 1000;

    /// <summary>The longest pattern accepted.</summary>
    public const int MaxPatternLength = 1024;

    /// <summary>A filter that keeps everything.</summary>
    public static PathFilter None { get; } = new([], []);

    /// <summary>True when the directory at <paramref name="path"/> should be walked.</summary>
    public bool WalkDirectory(string path) => !_hidden.Contains(path) && !_excludes.Any(r => r.IsMatch(path));

    /// <summary>True when the file at <paramref name="path"/> takes part in the sync.</summary>
    public bool KeepFile(string path) =>
        !_hidden.Contains(path) && !_fileExcludes.Any(r => r.IsMatch(path)) && (_includes.Length == 0 || _includes.Any(r => r.IsMatch(path)));

    /// <summary>
    /// The filter of a job's runs: its globs, and hidden wherever <paramref name="privatePaths"/>
    /// (absolute) lie inside its local directory (or its remote one, when that is a local path too). A
    /// node's journal or data directory inside a tree it syncs must not be copied (a live database) nor,
    /// worse, overwritten by another machine's copy of its own.
    /// </summary>
    public static PathFilter For(JobSpec spec, IReadOnlyList<string> privatePaths)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var roots = SmbUrl.IsSmbUrl(spec.Remote) ? [spec.LocalPath] : new[] { spec.LocalPath, spec.Remote };
        return new PathFilter(spec.Exclude, spec.Include, roots.SelectMany(root => Within(root, privatePaths)));
    }

    private static IEnumerable<string> Within(string root, IEnumerable<string> privatePaths)
    {
        // As written and as the system resolves them: a root or a private path reached through a link hides the same entry.
        var (fullRoot, realRoot) = (Path.GetFullPath(root), RealPath.Of(root));
        var spellings = privatePaths.SelectMany(p => new[] { (fullRoot, Path.GetFullPath(p)), (realRoot, RealPath.Of(p)) }).Distinct();
        foreach (var (full, path) in spellings)
        {
            var relative = Path.GetRelativePath(full, path);
            if (relative != "." && !Path.IsPathRooted(relative) && relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                yield return relative.Replace(Path.DirectorySeparatorChar, '/');
            }
        }
    }

    /// <summary>The glob as a regular expression; <paramref name="within"/> matches what lies under what it names instead.</summary>
    private static Regex Compile(string glob, bool within = false)
    {
        if (glob.Length > MaxPatternLength)
        {
            throw new ArgumentException($"an include or exclude pattern of {glob.Length} characters; at most {MaxPatternLength} are allowed");
        }
        var pattern = glob.TrimEnd('/');
        var anchored = pattern.Contains('/', StringComparison.Ordinal);
        pattern = pattern.TrimStart('/');
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new ArgumentException($"the include or exclude pattern '{glob}' is empty");
        }
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
        sb.Append(within ? "/.*$" : "$");
        // Non-backtracking: matching takes time linear in the name whatever the glob, so that a spec's
        // "*a*a*a*a*...b" cannot hold a scan for seconds per name (a backtracking match is polynomial in
        // the name with the number of stars as the exponent).
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }
}
