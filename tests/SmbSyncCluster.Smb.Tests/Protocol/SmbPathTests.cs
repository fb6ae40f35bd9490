using SmbSyncCluster.Smb.Errors;

namespace SmbSyncCluster.Smb.Tests.Protocol;

public sealed class SmbPathTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("a", "a")]
    [InlineData("a/b/c.txt", @"a\b\c.txt")]
    [InlineData(@"a\b", @"a\b")]
    [InlineData("dir/", "dir")]
    [InlineData("spaces in name/é", @"spaces in name\é")]
    public void Relative_paths_become_wire_paths(string path, string wire) => Assert.Equal(wire, SmbPath.ToWire(path));

    [Theory]
    [InlineData("/abs")]
    [InlineData(@"\abs")]
    [InlineData("C:/x")]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("a:b")]
    [InlineData("a*")]
    [InlineData("a|b")]
    [InlineData("a\"b")]
    [InlineData("a<b>")]
    [InlineData("tab\there")]
    public void Paths_that_escape_or_cannot_exist_are_refused(string path)
    {
        var ex = Assert.Throws<SmbInvalidPathException>(() => SmbPath.ToWire(path));
        Assert.DoesNotContain('\t', ex.Message);
    }

    [Fact]
    public void Over_long_components_are_refused() =>
        Assert.Throws<SmbInvalidPathException>(() => SmbPath.ToWire(new string('x', 256)));
}
