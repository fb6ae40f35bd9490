using System.Collections;

namespace SmbSyncCluster.Sync.Model;

/// <summary>
/// The state of every entry of one tree, keyed by <see cref="RelativePath"/> with ordinal
/// comparison: a local scan, a remote scan, or the base (the state last synced). A scan holds the
/// parents of each entry too, which the planner relies on to know what lies under a directory.
/// </summary>
/// <remarks>
/// An open-addressing table rather than a <see cref="Dictionary{TKey, TValue}"/>: entries sit in
/// slots ordered by the top bits of their hash, the same in every snapshot of the process, so the
/// detector walking one snapshot finds the same path in another at nearly the same slot. Its
/// lookups then run along memory instead of jumping across it, which on large trees is several
/// times faster than a Dictionary (bench/README.md, <c>detect</c>), and slot numbers let it mark
/// what it has seen without a second hash lookup. Hashes are the process-randomized string hashes, so crafted names cannot
/// pile up in one place.
/// </remarks>
public sealed partial class TreeSnapshot : IEnumerable<KeyValuePair<string, EntryState>>
{
    private const double MaxLoad = 0.7;
    private const int MinBits = 4;

    private int[] hashes;
    private string?[] keys;
    private EntryState[] states;
    private int shift;
    private int version;

    /// <summary>An empty snapshot.</summary>
    /// <param name="capacity">Expected entry count; sizing up front avoids rehashing millions of paths.</param>
    public TreeSnapshot(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var bits = MinBits;
        while ((1 << bits) * MaxLoad < capacity)
        {
            bits++;
        }
        (hashes, keys, states, shift) = Table(bits);
    }

    /// <summary>Number of entries, files and directories.</summary>
    public int Count { get; private set; }

    /// <summary>Number of file entries.</summary>
    public int FileCount { get; private set; }

    internal int SlotCount => keys.Length;

    private int Mask => keys.Length - 1;

    /// <summary>Adds an entry that is not there yet.</summary>
    /// <param name="path">Relative path of the entry.</param>
    /// <param name="state">Its state.</param>
    /// <exception cref="ArgumentException">The path is malformed or already present.</exception>
    public void Add(string path, EntryState state)
    {
        Check(path);
        var hash = Hash(path);
        if (Find(path, hash) >= 0)
        {
            throw new ArgumentException($"'{path}' is already in the snapshot.", nameof(path));
        }
        Insert(path, hash, state);
    }

    /// <summary>Adds an entry or replaces the state of an existing one.</summary>
    /// <param name="path">Relative path of the entry.</param>
    /// <param name="state">Its new state.</param>
    /// <exception cref="ArgumentException">The path is malformed.</exception>
    public void Set(string path, EntryState state)
    {
        Check(path);
        var hash = Hash(path);
        var slot = Find(path, hash);
        if (slot < 0)
        {
            Insert(path, hash, state);
            return;
        }
        TallyFiles(states[slot], -1);
        states[slot] = state;
        TallyFiles(state, +1);
        version++;
    }

    /// <summary>Sets or removes one path as <paramref name="change"/> says.</summary>
    public void Apply(BaseChange change)
    {
        if (change.State is { } state)
        {
            Set(change.Path, state);
        }
        else
        {
            Remove(change.Path);
        }
    }

    /// <summary>Removes an entry; false when it was not there.</summary>
    /// <param name="path">Relative path of the entry.</param>
    public bool Remove(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slot = Find(path, Hash(path));
        if (slot < 0)
        {
            return false;
        }
        TallyFiles(states[slot], -1);
        Count--;
        version++;
        CloseGap(slot);
        return true;
    }

    /// <summary>Looks an entry up.</summary>
    /// <param name="path">Relative path of the entry.</param>
    /// <param name="state">Its state when found.</param>
    public bool TryGet(string path, out EntryState state)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slot = Find(path, Hash(path));
        state = slot >= 0 ? states[slot] : default;
        return slot >= 0;
    }

    /// <summary>Whether the snapshot has an entry at <paramref name="path"/>.</summary>
    /// <param name="path">Relative path of the entry.</param>
    public bool Contains(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Find(path, Hash(path)) >= 0;
    }

    /// <summary>Enumerates the entries in no particular order, without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, EntryState>> IEnumerable<KeyValuePair<string, EntryState>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The path in a slot, null when the slot is empty.</summary>
    internal string? KeyAt(int slot) => keys[slot];

    internal int HashAt(int slot) => hashes[slot];

    internal EntryState StateAt(int slot) => states[slot];

    /// <summary>The slot holding <paramref name="path"/>, whose hash is <paramref name="hash"/>, or -1.</summary>
    internal int Find(string path, int hash)
    {
        var mask = Mask;
        for (var slot = Home(hash); keys[slot] is { } key; slot = (slot + 1) & mask)
        {
            if (hashes[slot] == hash && string.Equals(key, path, StringComparison.Ordinal))
            {
                return slot;
            }
        }
        return -1;
    }

    private static int Hash(string path) => string.GetHashCode(path.AsSpan());

    private static (int[], string?[], EntryState[], int) Table(int bits) =>
        (new int[1 << bits], new string?[1 << bits], new EntryState[1 << bits], 32 - bits);

    private static void Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!RelativePath.IsValid(path))
        {
            throw new ArgumentException($"'{path}' is not a relative path ('/'-separated, no empty, '.' or '..' component).", nameof(path));
        }
    }

    /// <summary>Fibonacci hashing on the top bits: doubling the table keeps slots in the same order.</summary>
    private int Home(int hash) => (int)(((uint)hash * 0x9E3779B9u) >> shift);

    private void Insert(string path, int hash, EntryState state)
    {
        if (Count + 1 > keys.Length * MaxLoad)
        {
            Grow();
        }
        Place(path, hash, state);
        Count++;
        TallyFiles(state, +1);
        version++;
    }

    private void Place(string path, int hash, EntryState state)
    {
        var mask = Mask;
        var slot = Home(hash);
        while (keys[slot] is not null)
        {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        keys[slot] = path;
        states[slot] = state;
    }

    private void Grow()
    {
        var (oldHashes, oldKeys, oldStates) = (hashes, keys, states);
        (hashes, keys, states, shift) = Table(33 - shift);
        for (var slot = 0; slot < oldKeys.Length; slot++)
        {
            if (oldKeys[slot] is { } key)
            {
                Place(key, oldHashes[slot], oldStates[slot]);
            }
        }
    }

    /// <summary>
    /// Backward-shift deletion: entries after the emptied slot that could sit earlier move back, so
    /// every lookup still meets its key before an empty slot.
    /// </summary>
    private void CloseGap(int gap)
    {
        var mask = Mask;
        for (var slot = (gap + 1) & mask; keys[slot] is { } key; slot = (slot + 1) & mask)
        {
            var home = Home(hashes[slot]);
            if (((slot - home) & mask) >= ((slot - gap) & mask))
            {
                hashes[gap] = hashes[slot];
                keys[gap] = key;
                states[gap] = states[slot];
                gap = slot;
            }
        }
        keys[gap] = null;
        states[gap] = default;
    }

    private void TallyFiles(EntryState state, int delta)
    {
        if (state.IsFile)
        {
            FileCount += delta;
        }
    }
}
