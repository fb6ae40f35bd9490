using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Scanning;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Tests.Execution;

/// <summary>
/// A run scoped to what watchers saw change plans exactly what a full run plans, on random trees changed
/// on both sides (files added, edited, deleted and renamed, directories created, deleted and moved), and
/// leaves nothing for a full run to do.
/// </summary>
public sealed class ScopedRunTests
{
    private sealed class Side(string root, ScanScope scope, Random random)
    {
        private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public string Root => root;

        private string Full(string path) => Path.Combine(root, path);

        private List<string> Files() => [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];

        private List<string> Directories() => [.. Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Select(d => Path.GetRelativePath(root, d)).Order(StringComparer.Ordinal)];

        private T Pick<T>(List<T> items) => items[random.Next(items.Count)];

        public void Write(string path, string content, int minutes)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Full(path))!);
            File.WriteAllText(Full(path), content);
            File.SetLastWriteTimeUtc(Full(path), Start.AddMinutes(minutes));
        }

        /// <summary>One random change, noted in the scope as a watcher reports it.</summary>
        public void ChangeSomething(int step)
        {
            var files = Files();
            var directories = Directories();
            switch (random.Next(7))
            {
                case 0 when files.Count > 0:
                    var edited = Pick(files);
                    Write(edited, $"edited {step} {random.Next()}", 1000 + step);
                    scope.Changed(edited, contentMayDiffer: false);
                    break;
                case 1 when files.Count > 0:
                    var gone = Pick(files);
                    File.Delete(Full(gone));
                    scope.Changed(gone, contentMayDiffer: true);
                    break;
                case 2 when directories.Count > 0:
                    var removed = Pick(directories);
                    Directory.Delete(Full(removed), recursive: true);
                    scope.Changed(removed, contentMayDiffer: true);
                    break;
                case 3 when files.Count > 0:
                    var from = Pick(files);
                    var to = Path.Combine(Path.GetDirectoryName(from)!, $"renamed{step}.txt");
                    File.Move(Full(from), Full(to));
                    scope.Changed(from, contentMayDiffer: true);
                    scope.Changed(to, contentMayDiffer: true);
                    break;
                case 4 when directories.Count > 0:
                    var moved = Pick(directories);
                    var target = $"moved{step}";
                    Directory.Move(Full(moved), Full(target));
                    scope.Changed(moved, contentMayDiffer: true);
                    scope.Changed(target, contentMayDiffer: true);
                    break;
                case 5:
                    var made = directories.Count > 0 ? Path.Combine(Pick(directories), $"new{step}") : $"new{step}";
                    Write(Path.Combine(made, "deep", "x.txt"), $"new {step}", 2000 + step);
                    scope.Changed(made, contentMayDiffer: true);
                    break;
                default:
                    var added = Path.Combine(directories.Count > 0 ? Pick(directories) : "", $"added{step}.txt");
                    Write(added, $"added {step}", 3000 + step);
                    scope.Changed(added, contentMayDiffer: true);
                    break;
            }
        }
    }

    private static IEnumerable<(SyncActionKind, string, string?)> Actions(SyncPlan plan) =>
        plan.Actions.Select(a => (a.Kind, a.Path, a.TargetPath)).Order();

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_scoped_run_plans_what_a_full_run_plans_and_leaves_nothing_behind(int seed)
    {
        var random = new Random(seed);
        var scope = new ScanScope();
        var local = new Side(Directory.CreateTempSubdirectory("smbsync-scoped-l-").FullName, scope, random);
        var remote = new Side(Directory.CreateTempSubdirectory("smbsync-scoped-r-").FullName, scope, random);
        for (var i = 0; i < 30; i++)
        {
            local.Write($"d{i % 4}/s{i % 3}/f{i}.txt", $"file {i}", i);
        }
        var cycle = new SyncCycle(new LocalFileStore(local.Root), new LocalFileStore(remote.Root));
        await cycle.RunAsync(SyncMode.Mirror);
        for (var step = 0; step < 6; step++)
        {
            (random.Next(2) == 0 ? local : remote).ChangeSomething(step);
        }

        var (full, _) = await cycle.RunAsync(SyncMode.Mirror, dryRun: true, force: true);
        var (scoped, _) = await cycle.RunAsync(SyncMode.Mirror, force: true, scope: scope);
        var (after, _) = await cycle.RunAsync(SyncMode.Mirror, dryRun: true, force: true);

        Assert.Equal(Actions(full), Actions(scoped));
        Assert.Empty(after.Actions);
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];
}
