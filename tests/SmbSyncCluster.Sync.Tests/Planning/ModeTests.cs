using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Planning;
using SmbSyncCluster.Sync.Tests.Support;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Planning;

/// <summary>Every one-sided change kind under each mode.</summary>
public sealed class ModeTests
{
    private static readonly EntryState Old = File(10, 100);
    private static readonly EntryState New = File(20, 200);

    private static TreeSnapshot With(EntryState? state) => state is { } s ? Tree(("f", s)) : Tree();

    public static TheoryData<string, EntryState?, EntryState?, EntryState?, SyncMode, string[]> Cases => new()
    {
        { "local added", null, New, null, SyncMode.Mirror, ["Upload f"] },
        { "local added", null, New, null, SyncMode.Upload, ["Upload f"] },
        { "local added", null, New, null, SyncMode.Download, [] },
        { "remote added", null, null, New, SyncMode.Mirror, ["Download f"] },
        { "remote added", null, null, New, SyncMode.Upload, [] },
        { "remote added", null, null, New, SyncMode.Download, ["Download f"] },
        { "local modified", Old, New, Old, SyncMode.Mirror, ["Upload f"] },
        { "local modified", Old, New, Old, SyncMode.Download, [] },
        { "remote modified", Old, Old, New, SyncMode.Mirror, ["Download f"] },
        { "remote modified", Old, Old, New, SyncMode.Upload, [] },
        { "local deleted", Old, null, Old, SyncMode.Mirror, ["DeleteRemote f"] },
        { "local deleted", Old, null, Old, SyncMode.Upload, ["DeleteRemote f"] },
        { "local deleted", Old, null, Old, SyncMode.Download, [] },
        { "remote deleted", Old, Old, null, SyncMode.Mirror, ["DeleteLocal f"] },
        { "remote deleted", Old, Old, null, SyncMode.Upload, [] },
        { "remote deleted", Old, Old, null, SyncMode.Download, ["DeleteLocal f"] },
        { "local modified, remote deleted", Old, New, null, SyncMode.Mirror, ["Upload f"] },
        { "local modified, remote deleted", Old, New, null, SyncMode.Upload, ["Upload f"] },
        { "local modified, remote deleted", Old, New, null, SyncMode.Download, ["Skip f"] },
        { "remote modified, local deleted", Old, null, New, SyncMode.Mirror, ["Download f"] },
        { "remote modified, local deleted", Old, null, New, SyncMode.Upload, ["Skip f"] },
        { "remote modified, local deleted", Old, null, New, SyncMode.Download, ["Download f"] },
        { "converged", Old, New, New, SyncMode.Upload, ["RecordConverged f"] },
        { "converged", Old, New, New, SyncMode.Download, ["RecordConverged f"] },
        { "deleted on both", Old, null, null, SyncMode.Upload, ["ForgetBase f"] },
        { "deleted on both", Old, null, null, SyncMode.Download, ["ForgetBase f"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
#pragma warning disable xUnit1026 // The description names the case in the test output.
    public void Plans_what_the_mode_allows(string description, EntryState? b, EntryState? l, EntryState? r, SyncMode mode, string[] steps) =>
#pragma warning restore xUnit1026
        Assert.Equal(steps, Harness.Plan(With(b), With(l), With(r), mode).Steps());

    [Fact]
    public void Transfers_carry_the_source_state_and_the_state_they_replace()
    {
        var upload = Assert.Single(Harness.Plan(With(Old), With(New), With(Old)).Actions);

        Assert.Equal(New, upload.Expected);
        Assert.Equal(Old, upload.Replaces);
        Assert.Equal(20, upload.Size);
        var recreate = Assert.Single(Harness.Plan(With(Old), With(New), With(null)).Actions);
        Assert.Null(recreate.Replaces);
    }

    [Fact]
    public void A_blocked_deletion_says_why()
    {
        var skip = Assert.Single(Harness.Plan(With(Old), With(null), With(New), SyncMode.Upload).Actions);

        Assert.Equal(SkipReason.DeletionBlocked, skip.SkipReason);
        Assert.Contains("not deleted", skip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_directories_are_created_parent_first_before_the_files_in_them()
    {
        var local = Tree(("a", Dir), ("a/b", Dir), ("a/b/c", Dir), ("a/b/c/f.txt", New), ("a/g.txt", New));

        var steps = Harness.Plan(new TreeSnapshot(), local, new TreeSnapshot()).Steps();

        Assert.Equal(["CreateRemoteDirectory a", "CreateRemoteDirectory a/b", "CreateRemoteDirectory a/b/c"], steps[..3]);
        Assert.Equal(["Upload a/b/c/f.txt", "Upload a/g.txt"], steps[3..].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unrepresentable_name_is_reported_only_when_the_mode_would_create_it()
    {
        var detection = Harness.Exact with { RemoteNames = NameRules.Smb };
        var local = Tree(("a:b", New));

        var mirror = Harness.Plan(new TreeSnapshot(), local, new TreeSnapshot(), SyncMode.Mirror, detection: detection);
        var download = Harness.Plan(new TreeSnapshot(), local, new TreeSnapshot(), SyncMode.Download, detection: detection);

        var skip = Assert.Single(mirror.Actions);
        Assert.Equal(SkipReason.Unrepresentable, skip.SkipReason);
        Assert.Equal(1, mirror.Summary.Unrepresentable);
        Assert.Equal(0, mirror.Summary.Skipped);
        Assert.Empty(download.Actions);
    }
}
