using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Tests.Model;

public sealed class RelativePathTests
{
    [Theory]
    [InlineData("a", "", "a")]
    [InlineData("a/b", "a", "b")]
    [InlineData("a/b/c.txt", "a/b", "c.txt")]
    public void Splits_into_parent_and_name(string path, string parent, string name)
    {
        Assert.Equal(parent, RelativePath.Parent(path).ToString());
        Assert.Equal(name, RelativePath.Name(path).ToString());
        Assert.Equal(path, RelativePath.Combine(parent, name));
    }
}
