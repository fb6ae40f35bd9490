using SmbSyncCluster.Sync.Versions;

namespace SmbSyncCluster.Sync.Tests.Versions;

public sealed class VersionNamesTests
{
    private static readonly DateTime Kept = new(2026, 12, 7, 20, 15, 0, 123, DateTimeKind.Utc);

    [Theory]
    [InlineData("report.txt", "report~20261207-201500-123.txt")]
    [InlineData("archive.tar.gz", "archive.tar~20261207-201500-123.gz")]
    [InlineData("Makefile", "Makefile~20261207-201500-123")]
    [InlineData(".bashrc", ".bashrc~20261207-201500-123")]
    [InlineData("a~b.txt", "a~b~20261207-201500-123.txt")]
    [InlineData("a.x~20200101-000000-000", "a.x~20200101-000000-000~20261207-201500-123")]
    [InlineData("old~20200101-000000-000.txt", "old~20200101-000000-000~20261207-201500-123.txt")]
    [InlineData("trailing.", "trailing~20261207-201500-123.")]
    public void A_version_name_keeps_the_extension_last_and_round_trips(string name, string expected)
    {
        var version = VersionNames.VersionOf(name, Kept);

        Assert.Equal(expected, version);
        Assert.Equal((name, Kept), VersionNames.Parse(version));
    }

    [Fact]
    public void A_version_lives_at_the_same_relative_path_in_the_area() =>
        Assert.Equal(".smbsync-versions/docs/deep/report~20261207-201500-123.txt", VersionNames.PathOf("docs/deep/report.txt", Kept));

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("report~2026.txt")]
    [InlineData("report~20261307-201500-123.txt")]
    [InlineData("~20261207-201500-123")]
    [InlineData("report~20261207-201500-123.t.xt")]
    public void A_name_that_is_no_version_parses_as_none(string name) => Assert.Null(VersionNames.Parse(name));

    [Fact]
    public void Versions_of_one_file_sort_by_time()
    {
        var names = new[] { Kept.AddDays(-40), Kept, Kept.AddSeconds(-1), Kept.AddMilliseconds(1) }.Select(t => VersionNames.VersionOf("a.txt", t)).ToList();

        Assert.Equal(names.OrderBy(n => VersionNames.Parse(n)!.Value.KeptUtc), names.Order(StringComparer.Ordinal));
    }
}
