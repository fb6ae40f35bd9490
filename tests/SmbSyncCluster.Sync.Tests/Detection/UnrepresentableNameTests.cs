using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Sync.Tests.Support;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Detection;

public sealed class UnrepresentableNameTests
{
    private static readonly DetectionOptions SmbRemote = Harness.Exact with { RemoteNames = NameRules.Smb };
    private static readonly EntryState F = File(1, 1);

    private static Dictionary<string, Change> Detect(TreeSnapshot baseState, TreeSnapshot local, TreeSnapshot remote, DetectionOptions? options = null) =>
        ChangeDetector.Detect(baseState, local, remote, options ?? SmbRemote).ToDictionary(c => c.Path);

    [Theory]
    [InlineData("a:b.txt", "':'")]
    [InlineData("what?", "'?'")]
    [InlineData("back\\slash", "'\\'")]
    [InlineData("bell\u0007", "U+0007")]
    [InlineData("ends.txt ", "a space at the end")]
    [InlineData("dot.", "a period at the end")]
    [InlineData("...", "a period at the end")]
    [InlineData("aux", "device name 'aux'")]
    [InlineData("COM1.txt", "device name 'COM1'")]
    [InlineData("nul.tar.gz", "device name 'nul'")]
    [InlineData("Lpt\u00B9", "device name 'Lpt\u00B9'")]
    public void Names_the_remote_rejects_or_Windows_reserves_are_reported(string name, string mention)
    {
        var change = Detect(new TreeSnapshot(), Tree((name, F)), new TreeSnapshot())[name];

        Assert.Equal(ChangeKind.UnrepresentableOnRemote, change.Kind);
        Assert.Contains(mention, change.Reason, StringComparison.Ordinal);
        Assert.Equal(F, change.Local);
    }

    [Theory]
    [InlineData("auxiliary")]
    [InlineData("con-x")]
    [InlineData("com10")]
    [InlineData("x .txt")]
    [InlineData("a. b")]
    [InlineData(".hidden")]
    [InlineData("clock$")]
    public void Names_close_to_reserved_ones_go_through(string name) =>
        Assert.Equal(ChangeKind.LocalAdded, Detect(new TreeSnapshot(), Tree((name, F)), new TreeSnapshot())[name].Kind);

    [Fact]
    public void A_tracked_name_the_remote_lists_under_another_one_is_not_taken_for_deleted()
    {
        var synced = Tree(("aux.c", F), ("ends ", Dir), ("ends /f.txt", F), ("gone.txt", F));
        var local = Tree(("aux.c", F), ("ends ", Dir), ("ends /f.txt", F), ("gone.txt", F));
        var remote = Tree(("A1B2C3~X.C", F), ("E6UD22~J", Dir), ("E6UD22~J/f.txt", F));

        var changes = Detect(synced, local, remote);

        foreach (var path in new[] { "aux.c", "ends ", "ends /f.txt" })
        {
            Assert.Equal(ChangeKind.UnrepresentableOnRemote, changes[path].Kind);
            Assert.Contains("not taken for deleted", changes[path].Reason, StringComparison.Ordinal);
        }
        Assert.Equal(ChangeKind.RemoteDeleted, changes["gone.txt"].Kind);
        Assert.Equal(ChangeKind.RemoteAdded, changes["A1B2C3~X.C"].Kind);
    }

    [Fact]
    public void Everything_under_an_unrepresentable_directory_is_reported_too()
    {
        var changes = Detect(new TreeSnapshot(), Tree(("a:b", Dir), ("a:b/c", Dir), ("a:b/c/d.txt", F)), new TreeSnapshot());

        Assert.All(changes.Values, c => Assert.Equal(ChangeKind.UnrepresentableOnRemote, c.Kind));
        Assert.Contains("'a:b'", changes["a:b/c/d.txt"].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_name_equal_but_for_case_to_a_remote_one_is_reported()
    {
        var synced = Tree(("Report.txt", F));
        var local = Tree(("Report.txt", F), ("report.txt", File(2, 2)));

        var change = Detect(synced, local, Tree(("Report.txt", F)))["report.txt"];

        Assert.Equal(ChangeKind.UnrepresentableOnRemote, change.Kind);
        Assert.Contains("'Report.txt'", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_new_names_equal_but_for_case_are_both_reported()
    {
        var changes = Detect(new TreeSnapshot(), Tree(("Dir", Dir), ("dir", Dir), ("dir/x", F)), new TreeSnapshot());

        Assert.All(changes.Values, c => Assert.Equal(ChangeKind.UnrepresentableOnRemote, c.Kind));
    }

    [Fact]
    public void A_case_only_rename_of_a_file_goes_through_because_the_old_name_is_deleted_first()
    {
        var changes = Detect(Tree(("Report.txt", F)), Tree(("report.txt", F)), Tree(("Report.txt", F)));

        Assert.Equal(ChangeKind.LocalDeleted, changes["Report.txt"].Kind);
        Assert.Equal(ChangeKind.LocalAdded, changes["report.txt"].Kind);
    }

    [Fact]
    public void A_case_only_rename_against_a_file_changed_remotely_is_reported()
    {
        var changes = Detect(Tree(("Report.txt", F)), Tree(("report.txt", F)), Tree(("Report.txt", File(5, 5))));

        Assert.Equal(ChangeKind.RemoteModifiedLocalDeleted, changes["Report.txt"].Kind);
        Assert.Equal(ChangeKind.UnrepresentableOnRemote, changes["report.txt"].Kind);
    }

    [Fact]
    public void Names_already_on_the_remote_are_not_checked_again()
    {
        var synced = Tree(("odd:name", F));

        var change = Harness.Single(synced, Tree(("odd:name", File(2, 2))), Tree(("odd:name", F)), SmbRemote);

        Assert.Equal(ChangeKind.LocalModified, change.Kind);
    }

    [Fact]
    public void Local_rules_apply_to_what_comes_from_the_remote()
    {
        var smbLocal = Harness.Exact with { LocalNames = NameRules.Smb };

        var change = Harness.Single(new TreeSnapshot(), new TreeSnapshot(), Tree(("x|y", F)), smbLocal);

        Assert.Equal(ChangeKind.UnrepresentableOnLocal, change.Kind);
    }

    [Fact]
    public void Permissive_rules_let_every_name_through()
    {
        var changes = ChangeDetector.Detect(new TreeSnapshot(), Tree(("a:b", F), ("A:B", F)), new TreeSnapshot(), Harness.Exact);

        Assert.All(changes, c => Assert.Equal(ChangeKind.LocalAdded, c.Kind));
    }

    [Fact]
    public void Rules_check_one_name_component()
    {
        Assert.Null(NameRules.Smb.Check("plain name.txt"));
        Assert.NotNull(NameRules.Smb.Check("pipe|name"));
        Assert.Null(NameRules.Permissive.Check("aux "));
        Assert.Null(NameRules.Permissive.Check(new string('n', 255)));
        Assert.Contains("255 bytes", NameRules.Permissive.Check(new string('\u00E9', 128)), StringComparison.Ordinal);
        Assert.Null(NameRules.Smb.Check(new string('\u00E9', 255)));
        Assert.Contains("255 characters", NameRules.Smb.Check(new string('n', 256)), StringComparison.Ordinal);
        Assert.Null(NameRules.Smb.CheckPath("dir/sub/file.txt"));
        Assert.Contains("'prn'", NameRules.Smb.CheckPath("dir/prn/file.txt"), StringComparison.Ordinal);
        Assert.Null(NameRules.Permissive.Check("pipe|name\u0001"));
        Assert.True(NameRules.Smb.CaseInsensitive);
        Assert.False(NameRules.Permissive.CaseInsensitive);
    }
}
