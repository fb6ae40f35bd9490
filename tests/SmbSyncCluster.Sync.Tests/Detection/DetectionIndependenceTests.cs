using CsCheck;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Tests.Support;

namespace SmbSyncCluster.Sync.Tests.Detection;

/// <summary>
/// The detector walks the snapshots' slots, so it must find the same changes whatever size the
/// tables grew to and whatever order the entries came in.
/// </summary>
public sealed class DetectionIndependenceTests
{
    private static readonly Gen<(string Path, EntryState State)[]> Trees =
        Gen.Select(Gen.Int[0, 60], Gen.Int[0, 3], Gen.Int[1, 4])
            .Select((name, size, time) => ($"f{name}", EntryState.OfFile(size, time)))
            .Array[0, 50]
            .Select(entries => entries.DistinctBy(e => e.Item1).ToArray());

    private static TreeSnapshot Build((string Path, EntryState State)[] entries, int capacity, bool reversed)
    {
        var snapshot = new TreeSnapshot(capacity);
        foreach (var (path, state) in reversed ? entries.Reverse() : entries)
        {
            snapshot.Add(path, state);
        }
        return snapshot;
    }

    [Fact]
    public void Changes_do_not_depend_on_table_sizes_or_insertion_order() =>
        Gen.Select(Trees, Trees, Trees, Gen.Int[0, 500].Array[3]).Sample((b, l, r, capacities) =>
        {
            static string[] Described(IReadOnlyList<Change> changes) =>
                changes.Select(c => $"{c.Path} {c.Kind}").Order(StringComparer.Ordinal).ToArray();

            var compact = ChangeDetector.Detect(Build(b, 0, false), Build(l, 0, false), Build(r, 0, false), Harness.Exact);
            var spread = ChangeDetector.Detect(Build(b, capacities[0], true), Build(l, capacities[1], false), Build(r, capacities[2], true), Harness.Exact);

            Assert.Equal(Described(compact), Described(spread));
            var paths = b.Concat(l).Concat(r).Select(e => e.Path).Distinct().Count();
            Assert.True(compact.Count <= paths);
        }, iter: 1000);
}
