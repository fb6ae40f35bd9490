using System.Globalization;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Planning;

/// <summary>
/// Names conflict copies "report (conflict remote 2026-11-25 154200).docx": beside the original,
/// extension last so the copy still opens with the same program, the side it came from and the run
/// time in the name. A counter keeps names unique; taken names are compared ignoring case because
/// either side may be case-insensitive.
/// </summary>
internal sealed class ConflictCopyNamer(IReadOnlyList<Change> changes, PlanOptions options)
{
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
            var candidate = RelativePath.Combine(RelativePath.Parent(path), $"{stem} (conflict {from.Describe()} {stamp}{counter}){extension}");
            if (taken.Add(candidate) && options.PathExists?.Invoke(candidate) != true)
            {
                return candidate;
            }
        }
    }
}
