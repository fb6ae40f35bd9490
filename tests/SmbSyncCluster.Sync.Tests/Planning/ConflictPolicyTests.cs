using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Support;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Planning;

/// <summary>A file changed differently on both sides, under every mode and policy.</summary>
public sealed class ConflictPolicyTests
{
    private const string P = "docs/report.docx";
    private const string LocalCopy = "docs/report (conflict local 2026-11-25 154200).docx";
    private const string RemoteCopy = "docs/report (conflict remote 2026-11-25 154200).docx";

    private static SyncPlan Conflict(SyncMode mode, ConflictPolicy policy, bool localNewer)
    {
        var (localTime, remoteTime) = localNewer ? (300, 200) : (200, 300);
        return Harness.Plan(
            Tree(("docs", Dir), (P, File(1, 100))),
            Tree(("docs", Dir), (P, File(2, localTime))),
            Tree(("docs", Dir), (P, File(3, remoteTime))),
            mode, policy);
    }

    public static TheoryData<SyncMode, ConflictPolicy, bool, string[]> Cases => new()
    {
        { SyncMode.Mirror, ConflictPolicy.KeepBoth, true, [$"RenameRemote {P} -> {RemoteCopy}", $"Download {RemoteCopy}", $"Upload {P}"] },
        { SyncMode.Mirror, ConflictPolicy.KeepBoth, false, [$"RenameLocal {P} -> {LocalCopy}", $"Upload {LocalCopy}", $"Download {P}"] },
        { SyncMode.Mirror, ConflictPolicy.Newer, true, [$"Upload {P}"] },
        { SyncMode.Mirror, ConflictPolicy.Newer, false, [$"Download {P}"] },
        { SyncMode.Mirror, ConflictPolicy.Local, false, [$"Upload {P}"] },
        { SyncMode.Mirror, ConflictPolicy.Remote, true, [$"Download {P}"] },
        { SyncMode.Mirror, ConflictPolicy.Skip, true, [$"Skip {P}"] },
        { SyncMode.Upload, ConflictPolicy.KeepBoth, false, [$"RenameRemote {P} -> {RemoteCopy}", $"Upload {P}"] },
        { SyncMode.Upload, ConflictPolicy.Newer, true, [$"Upload {P}"] },
        { SyncMode.Upload, ConflictPolicy.Newer, false, [$"Skip {P}"] },
        { SyncMode.Upload, ConflictPolicy.Local, false, [$"Upload {P}"] },
        { SyncMode.Upload, ConflictPolicy.Remote, true, [$"Skip {P}"] },
        { SyncMode.Upload, ConflictPolicy.Skip, true, [$"Skip {P}"] },
        { SyncMode.Download, ConflictPolicy.KeepBoth, true, [$"RenameLocal {P} -> {LocalCopy}", $"Download {P}"] },
        { SyncMode.Download, ConflictPolicy.Newer, false, [$"Download {P}"] },
        { SyncMode.Download, ConflictPolicy.Newer, true, [$"Skip {P}"] },
        { SyncMode.Download, ConflictPolicy.Local, false, [$"Skip {P}"] },
        { SyncMode.Download, ConflictPolicy.Remote, true, [$"Download {P}"] },
        { SyncMode.Download, ConflictPolicy.Skip, false, [$"Skip {P}"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolves_as_the_mode_and_policy_say(SyncMode mode, ConflictPolicy policy, bool localNewer, string[] steps)
    {
        var plan = Conflict(mode, policy, localNewer);

        Assert.Equal(steps, plan.Steps());
        Assert.Equal(1, plan.Summary.Conflicts);
        Assert.Equal(steps[0].StartsWith("Skip", StringComparison.Ordinal) ? 1 : 0, plan.Summary.Skipped);
        Assert.All(plan.Actions.Where(a => a.Kind == SyncActionKind.Skip), a => Assert.Equal(SkipReason.Conflict, a.SkipReason));
    }

    [Fact]
    public void Keep_both_renames_the_loser_and_carries_each_version_state()
    {
        var actions = Conflict(SyncMode.Mirror, ConflictPolicy.KeepBoth, localNewer: true).Actions;

        Assert.Equal(File(3, 200), actions[0].Expected);
        Assert.Equal(File(3, 200), actions[1].Expected);
        Assert.Equal(File(2, 300), actions[2].Expected);
        Assert.All(actions.Skip(1), a => Assert.Null(a.Replaces));
    }

    [Fact]
    public void An_overwrite_names_the_version_it_replaces()
    {
        var upload = Assert.Single(Conflict(SyncMode.Mirror, ConflictPolicy.Local, localNewer: false).Actions);

        Assert.Equal(File(3, 300), upload.Replaces);
    }

    [Fact]
    public void Newer_with_equal_times_keeps_both()
    {
        var plan = Harness.Plan(Tree((P, File(1, 1))), Tree((P, File(2, 5))), Tree((P, File(3, 5))), policy: ConflictPolicy.Newer);

        Assert.Equal([$"RenameRemote {P} -> {RemoteCopy}", $"Download {RemoteCopy}", $"Upload {P}"], plan.Steps());
    }

    [Theory]
    [InlineData(ConflictPolicy.KeepBoth)]
    [InlineData(ConflictPolicy.Newer)]
    [InlineData(ConflictPolicy.Local)]
    public void A_directory_keeps_its_name_against_a_file_and_the_file_becomes_the_copy(ConflictPolicy policy)
    {
        var plan = Harness.Plan(
            Tree(("x", File(1, 1))),
            Tree(("x", File(2, 900))),
            Tree(("x", Dir), ("x/inside", File(4, 4))),
            policy: policy);

        Assert.Equal(
            ["RenameLocal x -> x (conflict local 2026-11-25 154200)", "CreateLocalDirectory x", "Upload x (conflict local 2026-11-25 154200)", "Download x/inside"],
            plan.Steps());
    }

    [Fact]
    public void A_one_way_mode_skips_a_kind_conflict_it_cannot_resolve_without_writing_its_source()
    {
        var fileLocally = Harness.Plan(new TreeSnapshot(), Tree(("x", File(2, 2))), Tree(("x", Dir)), SyncMode.Upload);
        var dirLocally = Harness.Plan(new TreeSnapshot(), Tree(("x", Dir)), Tree(("x", File(2, 2))), SyncMode.Upload);

        Assert.Equal(["Skip x"], fileLocally.Steps());
        Assert.Equal(["RenameRemote x -> x (conflict remote 2026-11-25 154200)", "CreateRemoteDirectory x"], dirLocally.Steps());
    }

    [Fact]
    public void Nothing_is_created_under_a_file_left_in_a_conflict()
    {
        var plan = Harness.Plan(new TreeSnapshot(), Tree(("x", Dir), ("x/new", File(1, 1))), Tree(("x", File(2, 2))), policy: ConflictPolicy.Skip);

        Assert.Equal(["Skip x", "Skip x/new"], plan.Steps());
        Assert.Equal(2, plan.Summary.Skipped);
        Assert.Contains("'x' is a file on the remote side", plan.Actions[1].Message, StringComparison.Ordinal);
    }
}
