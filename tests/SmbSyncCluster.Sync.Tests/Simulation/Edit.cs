using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Tests.Simulation;

/// <summary>
/// One edit, as plain numbers so CsCheck can shrink it: <see cref="Pick"/> chooses the path (from
/// the name pool, or among the side's existing entries), <see cref="Size"/> the new size and, for
/// <see cref="EditKind.SameOnBoth"/>, the clock skew between the sides.
/// </summary>
internal sealed record Edit(EditKind Kind, SyncSide Side, int Pick, int Size)
{
    public override string ToString() => $"{Kind} {Side} #{Pick} size {Size}";
}
