using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Sync.Tests.Contracts;

/// <summary>A password written into a URL is hidden the one way, whether the URL is masked as text or printed once parsed.</summary>
public sealed class PasswordMaskTests
{
    [Theory]
    [InlineData("smb://alice:hunter2@nas/team/docs", "smb://alice:***@nas/team/docs")]
    [InlineData("SMB://CORP;alice:hunter2@nas:1445/team", "SMB://CORP;alice:***@nas:1445/team")]
    [InlineData("smb://alice:p@ss:word@nas/team", "smb://alice:***@nas/team")]
    [InlineData("smb://alice:hunter2@nas", "smb://alice:***@nas")]
    [InlineData("smb://alice:@nas/team", "smb://alice:***@nas/team")]
    [InlineData("smb://alice@nas/team/a:b@c", "smb://alice@nas/team/a:b@c")]
    [InlineData("smb://nas:1445/team", "smb://nas:1445/team")]
    [InlineData("/srv/copy:a@b", "/srv/copy:a@b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Only_the_password_of_an_smb_url_is_replaced(string? url, string masked) =>
        Assert.Equal(masked, PasswordMask.InUrl(url));

    [Theory]
    [InlineData("smb://CORP;alice:s3cr3t@nas.example:1445/team/projects/2026")]
    [InlineData("smb://alice:hunter2@nas/team")]
    [InlineData("smb://alice@nas/team")]
    public void A_parsed_url_prints_as_its_masked_text(string url) =>
        Assert.Equal(PasswordMask.InUrl(url), SmbUrl.Parse(url).ToString());
}
