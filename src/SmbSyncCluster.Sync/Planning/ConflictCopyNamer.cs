using System.Globalization;
using System.Text;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// Names conflict copies "report (conflict remote 2026-11-25 154200).docx": beside the original,
/// extension last so the copy still opens with the same program, the side it came from and the run
/// time in the name. A counter keeps names unique; taken names are compared ignoring case because
/// either side may be case-insensitive. The stem is shortened when the copy's name would not fit on
/// both sides (255 UTF-16 units on SMB, 255 bytes of UTF-8 on Linux): otherwise the conflict could
/// never be set aside, and every run would fail on it again.
/// </summary>
internal sealed class ConflictCopyNamer(IReadOnlyList<Change> changes, PlanOptions options)
{
    private const int MaxNameLength = 255;

    private readonly string stamp = options.Timestamp.ToString("yyyy-MM-dd HHmmss", CultureInfo.InvariantCulture);
    private HashSet<string>? taken;

    public string Name(string path, SyncSide from)
    {
        taken ??= new HashSet<string>(changes.Select(c => c.Path), StringComparer.OrdinalIgnoreCase);
        var name = RelativePath.Name(path);
        var dot = name.LastIndexOf('.');
        var hasExtension = dot > 0 && dot < name.Length - 1;
        var stem = hasExtension ? name[..dot] : name;
        var extension = hasExtension ? name[dot..] : [];
        for (var n = 1; ; n++)
        {
            var counter = n == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" {n}");
            var candidate = RelativePath.Combine(RelativePath.Parent(path), Fit(stem, $" (conflict {from.Describe()} {stamp}{counter}){extension}"));
            if (taken.Add(candidate) && options.PathExists?.Invoke(candidate) != true)
            {
                return candidate;
            }
        }
    }

    /// <summary>The stem, shortened as much as needed (never inside a surrogate pair), then the suffix.</summary>
    private static string Fit(ReadOnlySpan<char> stem, string suffix)
    {
        var keep = stem.Length;
        while (keep > 0 && !Fits(stem[..keep], suffix))
        {
            keep--;
            if (keep > 0 && char.IsHighSurrogate(stem[keep - 1]))
            {
                keep--;
            }
        }
        return string.Concat(stem[..keep], suffix);
    }

    private static bool Fits(ReadOnlySpan<char> stem, string suffix) =>
        stem.Length + suffix.Length <= MaxNameLength
        && Encoding.UTF8.GetByteCount(stem) + Encoding.UTF8.GetByteCount(suffix) <= MaxNameLength;
}
