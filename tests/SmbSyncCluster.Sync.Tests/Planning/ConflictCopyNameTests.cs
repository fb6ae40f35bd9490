using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Support;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Planning;

public sealed class ConflictCopyNameTests
{
    private static string CopyOf(string path, Func<string, bool>? exists = null, params string[] others)
    {
        var entries = others.Prepend(path).Select(p => (p, File(1, 1))).ToArray();
        var changes = ChangeDetector.Detect(new TreeSnapshot(), Tree(entries), Tree(entries.Select(e => (e.p, File(2, 2))).ToArray()), Harness.Exact);
        var plan = SyncPlanner.Plan(changes, Harness.Options() with { PathExists = exists });
        return plan.Actions.Single(a => a.Kind == SyncActionKind.RenameLocal && a.Path == path).TargetPath!;
    }

    [Theory]
    [InlineData("report.docx", "report (conflict local 2026-11-25 154200).docx")]
    [InlineData("a.b/archive.tar.gz", "a.b/archive.tar (conflict local 2026-11-25 154200).gz")]
    [InlineData("Makefile", "Makefile (conflict local 2026-11-25 154200)")]
    [InlineData(".bashrc", ".bashrc (conflict local 2026-11-25 154200)")]
    [InlineData("trailing.", "trailing. (conflict local 2026-11-25 154200)")]
    public void Keeps_the_extension_last_beside_the_original(string path, string copy) => Assert.Equal(copy, CopyOf(path));

    [Theory]
    [InlineData("n", 245)]
    [InlineData("\u00E9", 120)]
    [InlineData("\U0001F600", 60)]
    public void A_long_name_gives_a_copy_that_still_fits_on_both_sides(string unit, int count)
    {
        var name = string.Concat(Enumerable.Repeat(unit, count)) + ".txt";

        var copy = CopyOf("dir/" + name)["dir/".Length..];

        Assert.EndsWith(" (conflict local 2026-11-25 154200).txt", copy, StringComparison.Ordinal);
        Assert.True(copy.Length <= 255 && System.Text.Encoding.UTF8.GetByteCount(copy) <= 255, copy);
        Assert.StartsWith(unit + unit, copy, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(copy)));
    }

    [Fact]
    public void Steps_around_names_that_exist_or_were_already_given()
    {
        var first = "r (conflict local 2026-11-25 154200).txt";
        var second = "r (conflict local 2026-11-25 154200 2).txt";

        Assert.Equal("r (conflict local 2026-11-25 154200 3).txt", CopyOf("r.txt", p => p == second, first));
    }

    [Fact]
    public void Is_deterministic_for_a_given_clock()
    {
        Assert.Equal(CopyOf("x.txt"), CopyOf("x.txt"));
        var later = SyncPlanner.Plan(
            ChangeDetector.Detect(new TreeSnapshot(), Tree(("x.txt", File(1, 1))), Tree(("x.txt", File(2, 2))), Harness.Exact),
            Harness.Options() with { Timestamp = Harness.Clock.AddSeconds(1) });
        Assert.Equal("x (conflict local 2026-11-25 154201).txt", later.Actions[0].TargetPath);
    }
}
