using SmbSyncCluster.Smb.Auth;

namespace SmbSyncCluster.Smb.Tests.Auth;

public sealed class SmbCredentialsTests
{
    [Fact]
    public void ToString_names_the_user_but_never_shows_the_password()
    {
        var credentials = new SmbCredentials("CORP", "alice", "s3cret-Pa55");

        Assert.Equal(@"CORP\alice", credentials.ToString());
        Assert.DoesNotContain("s3cret-Pa55", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_without_a_domain_is_just_the_user()
    {
        var credentials = new SmbCredentials { UserName = "bob", Password = "hunter2" };

        Assert.Equal("bob", credentials.ToString());
        Assert.DoesNotContain("hunter2", $"{credentials}", StringComparison.Ordinal);
    }

    [Fact]
    public void Anonymous_has_no_user_and_says_so()
    {
        Assert.True(SmbCredentials.Anonymous.IsAnonymous);
        Assert.Equal("", SmbCredentials.Anonymous.UserName);
        Assert.Equal("", SmbCredentials.Anonymous.Password);
        Assert.Equal("(anonymous)", SmbCredentials.Anonymous.ToString());
    }

    [Fact]
    public void Null_parts_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new SmbCredentials(null!, "u", "p"));
    }
}
