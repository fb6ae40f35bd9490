using SmbSyncCluster.Sync.Model;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Model;

public sealed class TreeSnapshotTests
{
    [Fact]
    public void Holds_entries_by_ordinal_path_and_counts_files()
    {
        var tree = Tree(("docs", Dir), ("docs/a.txt", File(3, 1)), ("docs/A.txt", File(4, 1)));

        Assert.Equal(3, tree.Count);
        Assert.Equal(2, tree.FileCount);
        Assert.True(tree.TryGet("docs/A.txt", out var upper));
        Assert.Equal(4, upper.Size);
        Assert.False(tree.Contains("DOCS"));
        Assert.Equal(["docs", "docs/A.txt", "docs/a.txt"], tree.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Set_and_remove_keep_the_file_count()
    {
        var tree = Tree(("x", File(1, 1)));

        tree.Set("x", Dir);
        Assert.Equal(0, tree.FileCount);
        tree.Set("x", File(2, 2));
        tree.Set("y", File(2, 2));
        Assert.Equal(2, tree.FileCount);
        Assert.True(tree.Remove("x"));
        Assert.False(tree.Remove("x"));
        Assert.Equal(1, tree.FileCount);
        Assert.Equal(1, tree.Count);
    }

    [Fact]
    public void Add_refuses_a_path_already_there()
    {
        var tree = Tree(("x", File(1, 1)));

        Assert.Throws<ArgumentException>(() => tree.Add("x", File(1, 1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("a//b")]
    [InlineData("./a")]
    [InlineData("a/./b")]
    [InlineData("a/../b")]
    [InlineData("..")]
    public void Malformed_paths_are_refused(string path)
    {
        Assert.False(RelativePath.IsValid(path));
        Assert.Throws<ArgumentException>(() => new TreeSnapshot().Add(path, Dir));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a/b.txt")]
    [InlineData("...")]
    [InlineData(".hidden/.x")]
    [InlineData("a b/c:d")]
    public void Well_formed_paths_are_accepted(string path) => Assert.True(RelativePath.IsValid(path));
}
