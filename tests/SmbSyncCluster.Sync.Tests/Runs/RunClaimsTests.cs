using System.Text;
using SmbSyncCluster.Sync.Runs;

namespace SmbSyncCluster.Sync.Tests.Runs;

/// <summary>A lease holder's description is read from a file anyone with write access to the share may have written.</summary>
public sealed class RunClaimsTests
{
    [Fact]
    public void A_hostile_description_loses_its_control_characters_and_is_cut_short()
    {
        var hostile = "job x\u001b[2J\u001b]0;pwned\u0007\r\nsmbsync: fake line" + new string('y', 5000);

        var shown = RunClaims.Holder(Encoding.UTF8.GetBytes(hostile));

        Assert.DoesNotContain(shown, char.IsControl);
        Assert.Equal(200, shown.Length);
        Assert.StartsWith("job x[2J]0;pwnedsmbsync: fake line", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_or_undecodable_description_is_unknown()
    {
        Assert.Equal("holder unknown", RunClaims.Holder([]));
        Assert.Equal("\uFFFD\uFFFD", RunClaims.Holder([0xff, 0xfe]));
    }
}
