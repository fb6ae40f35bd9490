using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Sync.Tests.Jobs;

/// <summary><see cref="SmbUrl.PlaceKey"/>: one spelling for every URL that names the same directory as written.</summary>
public sealed class SmbUrlPlaceKeyTests
{
    private const string Usual = "smb://smbuser@nas.example/share/team/docs";

    [Theory]
    [InlineData("smb://smbuser@NAS.Example/share/team/docs")]
    [InlineData("smb://smbuser@nas.example/SHARE/team/docs")]
    [InlineData("smb://SMBUSER@nas.example/share/team/docs")]
    [InlineData("smb://WORKGROUP;smbuser@nas.example/share/team/docs")]
    [InlineData("smb://corp;other:secret@nas.example/share/team/docs")]
    [InlineData("smb://nas.example/share/team/docs")]
    [InlineData("smb://smbuser@nas.example:445/share/team/docs")]
    [InlineData("smb://smbuser@nas.example/share/team/docs/")]
    [InlineData("smb://smbuser@nas.example/share//team///docs//")]
    [InlineData("smb://smbuser@nas.example/sh%61re/te%61m/docs")]
    [InlineData("SMB://smbuser@nas.example/share/team/docs?protection=encrypt")]
    [InlineData("smb://smbuser@nas.example/share/team/docs?guest=true")]
    public void Spellings_of_one_place_have_one_key(string spelling)
    {
        Assert.Equal(SmbUrl.Parse(Usual).PlaceKey, SmbUrl.Parse(spelling).PlaceKey);
    }

    [Theory]
    [InlineData("smb://smbuser@nas.example/share/Team/docs")] // a share may be case-sensitive
    [InlineData("smb://smbuser@nas.example:1445/share/team/docs")]
    [InlineData("smb://smbuser@nas2.example/share/team/docs")]
    [InlineData("smb://smbuser@nas.example/share2/team/docs")]
    [InlineData("smb://smbuser@nas.example/share/team")]
    [InlineData("smb://smbuser@nas.example/share/team/docs/sub")]
    public void Other_places_have_other_keys(string other)
    {
        Assert.NotEqual(SmbUrl.Parse(Usual).PlaceKey, SmbUrl.Parse(other).PlaceKey);
    }

    [Fact]
    public void Spells_the_host_port_share_and_path()
    {
        Assert.Equal("nas.example:445/share/team/docs", SmbUrl.Parse("smb://u@NAS.example/Share/team/docs").PlaceKey);
        Assert.Equal("[::1]:4450/s/A b", SmbUrl.Parse("smb://u@[0:0::1]:4450/S/A%20b").PlaceKey);
        Assert.Equal("127.0.0.1:445/s", SmbUrl.Parse("smb://127.0.0.1/s/").PlaceKey);
    }
}
