using System.Collections;

namespace SmbSyncCluster.Sync.Model;

public sealed partial class TreeSnapshot
{
    /// <summary>Walks the entries of a snapshot that must not change meanwhile.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, EntryState>>
    {
        private readonly TreeSnapshot snapshot;
        private readonly int version;
        private int slot;

        internal Enumerator(TreeSnapshot snapshot)
        {
            this.snapshot = snapshot;
            version = snapshot.version;
            slot = -1;
        }

        /// <summary>The entry at the current position.</summary>
        public readonly KeyValuePair<string, EntryState> Current => new(snapshot.keys[slot]!, snapshot.states[slot]);

        readonly object IEnumerator.Current => Current;

        /// <summary>Moves to the next entry; false at the end.</summary>
        /// <exception cref="InvalidOperationException">The snapshot changed since the enumeration began.</exception>
        public bool MoveNext()
        {
            if (version != snapshot.version)
            {
                throw new InvalidOperationException("The snapshot changed during enumeration.");
            }
            var keys = snapshot.keys;
            while (++slot < keys.Length)
            {
                if (keys[slot] is not null)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Starts over.</summary>
        public void Reset() => slot = -1;

        /// <summary>Nothing to release.</summary>
        public readonly void Dispose()
        {
        }
    }
}
