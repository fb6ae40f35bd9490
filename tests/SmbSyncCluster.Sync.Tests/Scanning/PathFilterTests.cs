using SmbSyncCluster.Sync.Scanning;

namespace SmbSyncCluster.Sync.Tests.Scanning;

public sealed class PathFilterTests
{
    [Theory]
    [InlineData("*.tmp", "a.tmp", false)]
    [InlineData("*.tmp", "deep/dir/a.tmp", false)]
    [InlineData("*.tmp", "a.tmp.txt", true)]
    [InlineData("/top.txt", "top.txt", false)]
    [InlineData("/top.txt", "sub/top.txt", true)]
    [InlineData("build/*.o", "build/x.o", false)]
    [InlineData("build/*.o", "build/sub/x.o", true)]
    [InlineData("build/**/*.o", "build/sub/x.o", false)]
    [InlineData("**/cache/**", "a/cache/b/c", false)]
    [InlineData("?.log", "a.log", false)]
    [InlineData("?.log", "ab.log", true)]
    public void Excludes_match_like_rsync(string glob, string path, bool kept) =>
        Assert.Equal(kept, new PathFilter([glob], []).KeepFile(path));

    [Fact]
    public void Includes_keep_only_matching_files_but_walk_every_directory()
    {
        var filter = new PathFilter([], ["*.txt"]);

        Assert.True(filter.KeepFile("a/b/notes.txt"));
        Assert.False(filter.KeepFile("a/b/photo.jpg"));
        Assert.True(filter.WalkDirectory("a/b"));
    }

    [Fact]
    public void Excluded_directories_are_not_walked() =>
        Assert.False(new PathFilter(["node_modules"], []).WalkDirectory("web/node_modules"));

    [Fact]
    public void Empty_patterns_are_refused() => Assert.Throws<ArgumentException>(() => new PathFilter([" "], []));
}
