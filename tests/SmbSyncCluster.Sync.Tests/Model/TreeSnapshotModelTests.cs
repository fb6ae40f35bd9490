using CsCheck;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Tests.Model;

/// <summary>The snapshot's own hash table, checked against a <see cref="Dictionary{TKey, TValue}"/> doing the same.</summary>
public sealed class TreeSnapshotModelTests
{
    private enum Op
    {
        Add,
        Set,
        Remove,
    }

    [Fact]
    public void Behaves_like_a_dictionary_through_growth_and_removals() =>
        Gen.Select(Gen.Int[0, 40], Gen.Select(Gen.Enum<Op>(), Gen.Int[0, 300], Gen.Int[0, 3]).Array[0, 400]).Sample((capacity, ops) =>
        {
            var snapshot = new TreeSnapshot(capacity);
            var model = new Dictionary<string, EntryState>(StringComparer.Ordinal);
            foreach (var (op, pick, size) in ops)
            {
                var path = $"d{pick % 7}/f{pick}";
                var state = size == 0 ? EntryState.OfDirectory() : EntryState.OfFile(size, pick);
                switch (op)
                {
                    case Op.Add when !model.ContainsKey(path):
                        snapshot.Add(path, state);
                        model.Add(path, state);
                        break;
                    case Op.Add:
                        Assert.Throws<ArgumentException>(() => snapshot.Add(path, state));
                        break;
                    case Op.Set:
                        snapshot.Set(path, state);
                        model[path] = state;
                        break;
                    case Op.Remove:
                        Assert.Equal(model.Remove(path), snapshot.Remove(path));
                        break;
                }
            }
            Assert.Equal(model.Count, snapshot.Count);
            Assert.Equal(model.Values.Count(s => s.IsFile), snapshot.FileCount);
            Assert.Equal(model.OrderBy(e => e.Key, StringComparer.Ordinal), snapshot.OrderBy(e => e.Key, StringComparer.Ordinal));
            foreach (var path in Enumerable.Range(0, 301).Select(i => $"d{i % 7}/f{i}"))
            {
                Assert.Equal(model.TryGetValue(path, out var expected), snapshot.TryGet(path, out var actual));
                Assert.Equal(expected, actual);
            }
        }, iter: 2000);

    [Fact]
    public void Changing_a_snapshot_while_enumerating_it_is_refused()
    {
        var snapshot = new TreeSnapshot();
        snapshot.Add("a", EntryState.OfDirectory());

        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var _ in snapshot)
            {
                snapshot.Add("b", EntryState.OfDirectory());
            }
        });
    }
}
