using SmbSyncCluster.Contracts;
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
    public void The_nodes_own_paths_inside_a_local_tree_are_hidden_on_both_sides_whatever_the_globs()
    {
        var spec = new JobSpec { Id = "j", LocalPath = "/home/u", Remote = "/mnt/copy", Include = ["*"] };

        var filter = PathFilter.For(spec, ["/home/u/.local/share/smb[sync]", "/mnt/copy/journal.db", "/elsewhere/data", "/home/u"]);

        Assert.False(filter.WalkDirectory(".local/share/smb[sync]"));
        Assert.True(filter.WalkDirectory(".local/share/smbs"));
        Assert.False(filter.KeepFile("journal.db"));
        Assert.True(filter.KeepFile("notes.txt"));
        Assert.True(filter.WalkDirectory("elsewhere/data"));
    }

    [Fact]
    public void Only_the_local_tree_counts_when_the_remote_is_a_share()
    {
        var spec = new JobSpec { Id = "j", LocalPath = "/srv/a", Remote = "smb://u@h/s/srv/a" };

        Assert.True(PathFilter.For(spec, ["/srv/b/x"]).WalkDirectory("x"));
        Assert.False(PathFilter.For(spec, ["/srv/a/x"]).WalkDirectory("x"));
    }

    [Fact]
    public void A_trailing_slash_matches_directories_at_any_depth_and_no_file()
    {
        var filter = new PathFilter(["node_modules/", "/build/out/"], []);

        Assert.False(filter.WalkDirectory("node_modules"));
        Assert.False(filter.WalkDirectory("web/app/node_modules"));
        Assert.True(filter.KeepFile("docs/node_modules"));
        Assert.False(filter.WalkDirectory("build/out"));
        Assert.True(filter.WalkDirectory("src/build/out"));
        var included = new PathFilter([], ["docs/"]);
        Assert.True(included.KeepFile("docs/a.txt"));
        Assert.True(included.KeepFile("team/docs/deep/b.txt"));
        Assert.False(included.KeepFile("docs"));
        Assert.False(included.KeepFile("other/a.txt"));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("/")]
    [InlineData("//")]
    public void Empty_patterns_are_refused(string glob) => Assert.Throws<ArgumentException>(() => new PathFilter([glob], []));

    [Fact]
    public void A_glob_built_to_backtrack_matches_a_long_name_at_once()
    {
        // With a backtracking engine this pair takes longer than any sane timeout: every star may
        // end at any of the name's characters.
        var glob = string.Concat(Enumerable.Repeat("*a", 40)) + "*b";
        var name = new string('a', 4000);

        Assert.True(new PathFilter([glob], []).KeepFile(name));
        Assert.False(new PathFilter([glob], []).KeepFile(name + "b"));
    }

    [Fact]
    public void Too_many_or_too_long_patterns_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new PathFilter(Enumerable.Repeat("*.tmp", PathFilter.MaxPatterns + 1), []));
        Assert.Throws<ArgumentException>(() => new PathFilter([], [new string('x', PathFilter.MaxPatternLength + 1)]));
    }
}
