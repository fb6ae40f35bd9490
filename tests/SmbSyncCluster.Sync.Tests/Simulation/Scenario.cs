using CsCheck;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Tests.Simulation;

/// <summary>
/// A synced starting tree (or, for a first run, the same tree on both sides with no base) and the
/// edits made on both sides before the run.
/// </summary>
internal sealed record Scenario(bool FirstRun, (int Pick, bool Directory)[] Initial, Edit[] Edits)
{
    public static readonly Gen<Scenario> Any =
        Gen.Select(
            Gen.Int[0, 9].Select(n => n == 0),
            Gen.Select(Gen.Int[0, 999], Gen.Bool).Array[0, 12],
            Gen.Select(Gen.Enum<EditKind>(), Gen.Enum<SyncSide>(), Gen.Int[0, 999], Gen.Int[0, 4],
                (kind, side, pick, size) => new Edit(kind, side, pick, size)).Array[0, 14],
            (firstRun, initial, edits) => new Scenario(firstRun, initial, edits));

    public override string ToString() =>
        $"{(FirstRun ? "first run" : "synced")}: [{string.Join(", ", Initial.Select(i => $"{i.Pick}{(i.Directory ? "/" : "")}"))}] then {string.Join("; ", Edits.Select(e => e.ToString()))}";
}
