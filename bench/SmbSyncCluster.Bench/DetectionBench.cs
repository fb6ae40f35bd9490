using System.Diagnostics;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Bench;

/// <summary>
/// Three-way detection over a large tree: base, local and remote snapshots of <c>paths</c> files
/// (plus their directories) with relative paths of about 60 characters, 4.5% of them changed
/// in the usual ways. Prints the memory one tracked path costs in the base and the best of three
/// detection times after a warm-up. Detection is single-threaded.
/// </summary>
public static class DetectionBench
{
    private const int FilesPerDirectory = 40;
    private static readonly string[] Extensions = [".txt", ".docx", ".cs", ".json", ".jpeg", ".xlsx"];
    private static readonly long Epoch = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>Builds the snapshots, measures and prints.</summary>
    /// <param name="paths">Number of files in the tree.</param>
    public static void Run(int paths)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var baseState = BuildBase(paths);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var bytesPerPath = (after - before) / (double)baseState.Count;

        var random = new Random(42);
        var local = Scan(baseState, random);
        var remote = Scan(baseState, random);
        var edits = Edit(baseState, local, remote, random);
        var options = new DetectionOptions { MtimeTolerance = TimeSpan.FromTicks(1), RemoteNames = NameRules.Smb };

        var changes = ChangeDetector.Detect(baseState, local, remote, options).Count;
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            ChangeDetector.Detect(baseState, local, remote, options);
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }

        Console.WriteLine($"Detection: {paths:N0} files, {baseState.Count:N0} entries per snapshot, {edits:N0} edits giving {changes:N0} changes");
        Console.WriteLine($"{"base memory per tracked path",-36}{bytesPerPath,12:F0} bytes   (target < 300)");
        Console.WriteLine($"{"detect, best of 3 after warm-up",-36}{best.TotalMilliseconds,12:F0} ms      (target < 1000)");
        Console.WriteLine($"{"per entry",-36}{best.TotalNanoseconds / baseState.Count,12:F0} ns");

        var plan = new PlanOptions { Timestamp = DateTimeOffset.UnixEpoch, MtimeTolerance = options.MtimeTolerance };
        var churn = ChangeDetector.Detect(baseState, local, remote, options);
        var withoutRenames = TimeSpan.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            MoveDetection.Find(churn, plan);
            withoutRenames = clock.Elapsed < withoutRenames ? clock.Elapsed : withoutRenames;
        }
        Console.WriteLine($"{"rename detection (none to find)",-36}{withoutRenames.TotalMilliseconds,12:F0} ms      ({100 * withoutRenames / best:F1}% of detection; target < 10%)");

        var renamed = Rename(baseState, local, remote, random);
        var withRenames = ChangeDetector.Detect(baseState, local, remote, options);
        var (moves, _) = MoveDetection.Find(withRenames, plan);
        var (detect, find) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var run = 0; run < 3; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            var found = ChangeDetector.Detect(baseState, local, remote, options);
            detect = clock.Elapsed < detect ? clock.Elapsed : detect;
            clock.Restart();
            MoveDetection.Find(found, plan);
            find = clock.Elapsed < find ? clock.Elapsed : find;
        }
        Console.WriteLine();
        Console.WriteLine($"Renames on top: {renamed}, giving {withRenames.Count:N0} changes; {moves.Count:N0} moves found, {moves.Sum(m => m.MovedFiles):N0} files");
        Console.WriteLine($"{"detect, best of 3",-36}{detect.TotalMilliseconds,12:F0} ms");
        Console.WriteLine($"{"rename detection, best of 3",-36}{find.TotalMilliseconds,12:F0} ms      ({100 * find / detect:F1}% of detection; target < 10%)");
    }

    /// <summary>
    /// Renames among the files neither side edited: 25 directories of 40 files renamed locally, 1,000
    /// single files renamed locally and 1,000 on the remote, each to a name in another directory.
    /// </summary>
    private static string Rename(TreeSnapshot baseState, TreeSnapshot local, TreeSnapshot remote, Random random)
    {
        bool Untouched(string path, EntryState state) =>
            local.TryGet(path, out var l) && l == state && remote.TryGet(path, out var r) && r == state;
        // A component directory holds files only, so its content is the files whose parent it is.
        var directories = baseState.Where(e => e.Value.IsFile)
            .GroupBy(e => RelativePath.Parent(e.Key).ToString())
            .Where(g => g.Key.Contains("component-", StringComparison.Ordinal))
            .ToArray();
        random.Shuffle(directories);
        var movedDirectories = 0;
        foreach (var content in directories)
        {
            if (movedDirectories == 25)
            {
                break;
            }
            if (!content.All(e => Untouched(e.Key, e.Value)))
            {
                continue;
            }
            var directory = content.Key;
            local.Remove(directory);
            local.Add(directory + "-renamed", EntryState.OfDirectory(Epoch));
            foreach (var (path, state) in content)
            {
                local.Remove(path);
                local.Add(directory + "-renamed" + path[directory.Length..], state);
            }
            movedDirectories++;
        }
        var files = baseState.Where(e => e.Value.IsFile && Untouched(e.Key, e.Value) && local.Contains(e.Key)).ToArray();
        random.Shuffle(files);
        for (var i = 0; i < 2000; i++)
        {
            var (path, state) = files[i];
            var side = i < 1000 ? local : remote;
            side.Remove(path);
            side.Add($"{RelativePath.Parent(files[i + 2000].Key)}/renamed-{i:D4}-{RelativePath.Name(path)}", state);
        }
        return $"{movedDirectories} directories of {FilesPerDirectory} files and 1,000 files renamed locally, 1,000 files renamed on the remote";
    }

    /// <summary>The last synced tree, with freshly allocated path strings as a journal load would have.</summary>
    private static TreeSnapshot BuildBase(int files)
    {
        var directories = (files + FilesPerDirectory - 1) / FilesPerDirectory;
        var snapshot = new TreeSnapshot(files + directories + directories / 10 + 64);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < directories; d++)
        {
            var directory = $"projects/client-{d / 1000:D2}/module-{d / 50 % 20:D2}/component-{d % 50:D2}";
            for (var parent = directory; parent.Length > 0 && seen.Add(parent); parent = RelativePath.Parent(parent).ToString())
            {
                snapshot.Add(parent, EntryState.OfDirectory(Epoch));
            }
            for (var f = 0; f < FilesPerDirectory && d * FilesPerDirectory + f < files; f++)
            {
                var i = d * FilesPerDirectory + f;
                snapshot.Add($"{directory}/document-{f:D4}{Extensions[i % Extensions.Length]}", EntryState.OfFile(1000 + i % 70_000, Epoch + i * 10_000L));
            }
        }
        return snapshot;
    }

    /// <summary>
    /// A scan of an unchanged tree: the same entries as the base under new string instances, in an
    /// order that follows the base directory by directory but with directories shuffled, as a
    /// parallel walk returns them.
    /// </summary>
    private static TreeSnapshot Scan(TreeSnapshot baseState, Random random)
    {
        var byDirectory = baseState
            .GroupBy(e => RelativePath.Parent(e.Key).ToString())
            .ToArray();
        random.Shuffle(byDirectory);
        var scan = new TreeSnapshot(baseState.Count + baseState.Count / 50);
        foreach (var group in byDirectory)
        {
            foreach (var (path, state) in group)
            {
                scan.Add(new string(path), state);
            }
        }
        return scan;
    }

    /// <summary>
    /// Edits both scans: 1% modified on each side, 0.5% deleted on each side, 0.5% added on each
    /// side, 0.3% changed the same way on both and 0.2% changed differently on both.
    /// </summary>
    private static int Edit(TreeSnapshot baseState, TreeSnapshot local, TreeSnapshot remote, Random random)
    {
        var edits = 0;
        var later = Epoch + TimeSpan.TicksPerDay;
        foreach (var (path, state) in baseState)
        {
            if (!state.IsFile)
            {
                continue;
            }
            var roll = random.Next(1000);
            var changed = state with { Size = state.Size + 1, ModifiedTicks = later };
            switch (roll)
            {
                case < 10:
                    local.Set(path, changed);
                    break;
                case < 20:
                    remote.Set(path, changed);
                    break;
                case < 25:
                    local.Remove(path);
                    break;
                case < 30:
                    remote.Remove(path);
                    break;
                case < 35:
                    local.Add($"{RelativePath.Parent(path)}/new-local-{edits:D6}.txt", changed);
                    break;
                case < 40:
                    remote.Add($"{RelativePath.Parent(path)}/new-remote-{edits:D6}.txt", changed);
                    break;
                case < 43:
                    local.Set(path, changed);
                    remote.Set(path, changed);
                    break;
                case < 45:
                    local.Set(path, changed);
                    remote.Set(path, changed with { Size = state.Size + 2 });
                    break;
                default:
                    continue;
            }
            edits++;
        }
        return edits;
    }
}
