using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;

namespace SmbSyncCluster.Sync.Tests.Simulation;

/// <summary>
/// Two simulated sides and their base, built from a <see cref="Scenario"/>, and sync runs over
/// them. Every edit gets a later time, at least <see cref="EditGap"/> after the one before, so two
/// independent edits never look alike within the tolerance.
/// </summary>
internal sealed class World
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);
    private static readonly long EditGap = 10 * TimeSpan.TicksPerSecond;

    private readonly string[] pool;
    private long clock = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private long lastContent;

    public World(Scenario scenario, string[] names, NameRules localRules, NameRules remoteRules)
    {
        pool = Pool(names);
        Local = new SimTree(localRules);
        foreach (var (pick, directory) in scenario.Initial)
        {
            // Apart by more than the tolerance: files that differ in content never look alike, as the
            // sync assumes of files of the same size and time.
            clock += 2 * Tolerance.Ticks;
            Create(Local, pool[pick % pool.Length], directory);
        }
        Remote = new SimTree(remoteRules);
        foreach (var entry in Local.Entries.OrderBy(e => e.Path.Length))
        {
            if (Remote.CanCreate(entry.Path))
            {
                Remote.Put(entry);
            }
        }
        Base = scenario.FirstRun ? new TreeSnapshot() : Remote.Snapshot();
        if (!scenario.FirstRun)
        {
            // A synced start has the same tree on both sides: what the remote could not hold is dropped locally too.
            Local = Remote.Clone(localRules);
        }
        foreach (var edit in scenario.Edits)
        {
            Apply(edit);
        }
    }

    public SimTree Local { get; private set; }

    public SimTree Remote { get; }

    public TreeSnapshot Base { get; }

    public DetectionOptions Detection => new() { MtimeTolerance = Tolerance, LocalNames = Local.Rules, RemoteNames = Remote.Rules };

    /// <summary>Detects, plans and applies one run; returns its plan.</summary>
    public SyncPlan Run(SyncMode mode, ConflictPolicy policy)
    {
        var changes = ChangeDetector.Detect(Base, Local.Snapshot(), Remote.Snapshot(), Detection);
        var plan = SyncPlanner.Plan(changes, new PlanOptions
        {
            Mode = mode,
            ConflictPolicy = policy,
            TrackedCount = Base.FileCount,
            Force = true,
            Timestamp = new DateTimeOffset(clock, TimeSpan.Zero),
            PathExists = p => Local.Exists(p) || Remote.Exists(p),
        });
        PlanApplier.Apply(plan, Local, Remote, Base);
        return plan;
    }

    /// <summary>Content ids of the files whose state differs from the base: what users changed since the last sync.</summary>
    public HashSet<long> UnsyncedContent() =>
        Local.Files.Concat(Remote.Files)
            .Where(f => !(Base.TryGet(f.Path, out var b) && b.SameAs(f.State, Tolerance.Ticks)))
            .Select(f => f.Content)
            .ToHashSet();

    public HashSet<long> AllContent() => Local.Files.Concat(Remote.Files).Select(f => f.Content).ToHashSet();

    private static string[] Pool(string[] names)
    {
        var paths = new List<string>(names);
        for (var depth = 1; depth < 3; depth++)
        {
            paths.AddRange(paths.Where(p => p.Count(c => c == '/') == depth - 1).SelectMany(p => names.Select(n => $"{p}/{n}")).ToList());
        }
        return [.. paths];
    }

    private void Apply(Edit edit)
    {
        clock += EditGap;
        var tree = edit.Side == SyncSide.Local ? Local : Remote;
        var path = pool[edit.Pick % pool.Length];
        switch (edit.Kind)
        {
            case EditKind.AddFile:
                Create(tree, path, directory: false, edit.Size);
                break;
            case EditKind.AddDirectory:
                Create(tree, path, directory: true);
                break;
            case EditKind.Modify when Pick(tree.Files, edit) is { } file:
                tree.Put(file with { State = EntryState.OfFile(edit.Size, clock), Content = ++lastContent });
                break;
            case EditKind.Touch when Pick(tree.Files, edit) is { } file:
                tree.Put(file with { State = file.State with { ModifiedTicks = clock } });
                break;
            case EditKind.DeleteFile when Pick(tree.Files, edit) is { } file:
                tree.Remove(file.Path);
                break;
            case EditKind.DeleteDirectory when Pick(tree.Directories, edit) is { } directory:
                tree.RemoveTree(directory.Path);
                break;
            case EditKind.FileToDirectory when Pick(tree.Files, edit) is { } file:
                tree.Remove(file.Path);
                Create(tree, file.Path, directory: true);
                break;
            case EditKind.DirectoryToFile when Pick(tree.Directories, edit) is { } directory:
                tree.RemoveTree(directory.Path);
                Create(tree, directory.Path, directory: false, edit.Size);
                break;
            case EditKind.SameOnBoth:
                WriteOnBoth(path, edit.Size);
                break;
            case EditKind.Rename when Pick([.. tree.Entries.OrderBy(e => e.Path, StringComparer.Ordinal)], edit) is { } entry:
                Move(tree, entry, pool[(edit.Pick / 3 + edit.Size * 37) % pool.Length]);
                break;
            case EditKind.Copy when Pick(tree.Files, edit) is { } file && tree.MakeParents(path, clock) && tree.CanCreate(path):
                tree.Put(file with { Path = path });
                break;
        }
    }

    /// <summary>Renames <paramref name="entry"/> and everything under it to <paramref name="to"/>, keeping their states.</summary>
    private void Move(SimTree tree, SimEntry entry, string to)
    {
        if (to == entry.Path || to.StartsWith(entry.Path + "/", StringComparison.Ordinal) || !tree.MakeParents(to, clock) || !tree.CanCreate(to))
        {
            return;
        }
        var under = tree.Entries.Where(e => e.Path.StartsWith(entry.Path + "/", StringComparison.Ordinal)).ToList();
        tree.RemoveTree(entry.Path);
        tree.Put(entry with { Path = to });
        foreach (var child in under)
        {
            tree.Put(child with { Path = to + child.Path[entry.Path.Length..] });
        }
    }

    /// <summary>The same new content written on both sides, the remote clock off by less than the tolerance.</summary>
    private void WriteOnBoth(string path, int size)
    {
        if (!Writable(Local, path) || !Writable(Remote, path) || !Local.MakeParents(path, clock) || !Remote.MakeParents(path, clock))
        {
            return;
        }
        var content = ++lastContent;
        Local.Put(new SimEntry(path, EntryState.OfFile(size, clock), content));
        var skew = size * Tolerance.Ticks / 5;
        Remote.Put(new SimEntry(path, EntryState.OfFile(size, clock + skew), content));
    }

    private static bool Writable(SimTree tree, string path) =>
        tree.TryGet(path, out var existing) ? existing.State.IsFile && existing.Path == path : tree.Rules.Check(RelativePath.Name(path)) is null;

    private void Create(SimTree tree, string path, bool directory, int size = 1)
    {
        if (!tree.MakeParents(path, clock) || !tree.CanCreate(path))
        {
            return;
        }
        tree.Put(directory
            ? new SimEntry(path, EntryState.OfDirectory(clock), 0)
            : new SimEntry(path, EntryState.OfFile(size, clock), ++lastContent));
    }

    private static SimEntry? Pick(IReadOnlyList<SimEntry> entries, Edit edit) => entries.Count == 0 ? null : entries[edit.Pick % entries.Count];
}
