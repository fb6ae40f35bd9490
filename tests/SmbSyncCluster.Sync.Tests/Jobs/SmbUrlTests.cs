using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Sync.Tests.Jobs;

public sealed class SmbUrlTests
{
    [Fact]
    public void Parses_every_part()
    {
        var url = SmbUrl.Parse("smb://CORP;alice:s3cr%40t@nas.example:1445/team/projects/2026");

        Assert.Equal(("CORP", "alice", "s3cr@t"), (url.Domain, url.User, url.Password));
        Assert.Equal(("nas.example", 1445, "team", "projects/2026"), (url.Host, url.Port, url.Share, url.Path));
        Assert.Equal("smb://CORP;alice:***@nas.example:1445/team/projects/2026", url.ToString());
    }

    [Theory]
    [InlineData("smb://host/share", null, "host", 445, "share", "")]
    [InlineData("SMB://bob@10.0.0.5/data/", "bob", "10.0.0.5", 445, "data", "")]
    [InlineData("smb://bob@[::1]:4450/s/a/b", "bob", "::1", 4450, "s", "a/b")]
    [InlineData("smb://bob@host/s/with%20space", "bob", "host", 445, "s", "with space")]
    public void Parses_the_usual_forms(string text, string? user, string host, int port, string share, string path)
    {
        var url = SmbUrl.Parse(text);

        Assert.Equal((user, host, port, share, path), (url.User, url.Host, url.Port, url.Share, url.Path));
    }

    [Theory]
    [InlineData(@"smb://CORP\alice@nas/team")]
    [InlineData("smb://CORP%5Calice@nas/team")]
    [InlineData("smb://CORP%5calice@nas/team")]
    public void Takes_a_windows_domain_and_user_for_domain_then_user(string text)
    {
        var url = SmbUrl.Parse(text);

        Assert.Equal(("CORP", "alice"), (url.Domain, url.User));
        Assert.Equal("smb://CORP;alice@nas/team", url.ToString());
    }

    [Fact]
    public void A_backslash_after_a_domain_or_at_an_end_stays_in_the_user_name()
    {
        Assert.Equal(("CORP", @"a\b"), (SmbUrl.Parse(@"smb://CORP;a\b@nas/s").Domain, SmbUrl.Parse(@"smb://CORP;a\b@nas/s").User));
        Assert.Equal((null, @"alice\"), (SmbUrl.Parse(@"smb://alice\@nas/s").Domain, SmbUrl.Parse(@"smb://alice\@nas/s").User));
    }

    [Theory]
    [InlineData("http://host/share", "must start with smb://")]
    [InlineData("smb://host", "names no share")]
    [InlineData("smb://host/", "names no share")]
    [InlineData("smb:///share", "names no host")]
    [InlineData("smb://host:0/share", "not a TCP port")]
    [InlineData("smb://host:99999/share", "not a TCP port")]
    [InlineData("smb://host:abc/share", "not a TCP port")]
    [InlineData("smb://@host/share", "user name before '@' is empty")]
    [InlineData("smb://host/share/../etc", "cannot be a share or directory name")]
    [InlineData("smb://host/share/a%2Fb", "cannot be a share or directory name")]
    [InlineData("smb://host/sh:are", "cannot be a share or directory name")]
    [InlineData("smb://[::1/share", "closed with ']'")]
    [InlineData("smb://ho st/share", "not a host name")]
    public void Refuses_bad_urls_with_one_clear_line(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SmbUrl.Parse(text));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("smb://h/s/dir", SmbProtection.Default, "smb://h/s/dir")]
    [InlineData("smb://h/s/dir?protection=sign", SmbProtection.Sign, "smb://h/s/dir?protection=sign")]
    [InlineData("smb://u@h/s?PROTECTION=Encrypt", SmbProtection.Encrypt, "smb://u@h/s?protection=encrypt")]
    [InlineData("smb://h/s?protection=sign;protection=encrypt", SmbProtection.Encrypt, "smb://h/s?protection=encrypt")]
    [InlineData("smb://h/s?protection=sign&", SmbProtection.Sign, "smb://h/s?protection=sign")]
    public void Takes_the_protection_option_and_keeps_it(string text, SmbProtection protection, string printed)
    {
        var url = SmbUrl.Parse(text);

        Assert.Equal(protection, url.Protection);
        Assert.Equal(printed, url.ToString());
        Assert.Equal(url.Protection, SmbUrl.Parse(url.WithoutPassword()).Protection);
    }

    [Theory]
    [InlineData("smb://u@h/s", false, "smb://u@h/s")]
    [InlineData("smb://u@h/s/d?guest=true", true, "smb://u@h/s/d?guest=true")]
    [InlineData("smb://u@h/s?GUEST=True", true, "smb://u@h/s?guest=true")]
    [InlineData("smb://u@h/s?guest=false", false, "smb://u@h/s")]
    public void Takes_the_guest_option_and_keeps_it(string text, bool guest, string printed)
    {
        var url = SmbUrl.Parse(text);

        Assert.Equal(guest, url.Guest);
        Assert.Equal(printed, url.ToString());
        Assert.Equal(guest, SmbUrl.Parse(url.WithoutPassword()).Guest);
    }

    [Theory]
    [InlineData("smb://CORP.EXAMPLE;u@h/s", SmbAuthMethod.Negotiate, null, "smb://CORP.EXAMPLE;u@h/s")]
    [InlineData("smb://u@h/s?auth=Kerberos", SmbAuthMethod.Kerberos, null, "smb://u@h/s?auth=kerberos")]
    [InlineData("smb://u@h/s?auth=ntlm&protection=sign", SmbAuthMethod.Ntlm, null, "smb://u@h/s?protection=sign&auth=ntlm")]
    [InlineData("smb://u@10.0.0.5/s?auth=negotiate;spn=cifs/fs1.corp.example", SmbAuthMethod.Negotiate, "cifs/fs1.corp.example", "smb://u@10.0.0.5/s?spn=cifs%2Ffs1.corp.example")]
    [InlineData("smb://h/s?auth=kerberos&spn=cifs%2Ffs1%40CORP.EXAMPLE", SmbAuthMethod.Kerberos, "cifs/fs1@CORP.EXAMPLE", "smb://h/s?auth=kerberos&spn=cifs%2Ffs1%40CORP.EXAMPLE")]
    public void Takes_the_auth_and_spn_options_and_keeps_them(string text, SmbAuthMethod auth, string? spn, string printed)
    {
        var url = SmbUrl.Parse(text);
        var again = SmbUrl.Parse(url.WithoutPassword());

        Assert.Equal((auth, spn), (url.Auth, url.ServicePrincipal));
        Assert.Equal(printed, url.ToString());
        Assert.Equal((auth, spn), (again.Auth, again.ServicePrincipal));
        Assert.Equal(SmbUrl.Parse("smb://u@h/s").PlaceKey, SmbUrl.Parse("smb://u@h/s?auth=kerberos").PlaceKey);
    }

    [Theory]
    [InlineData("smb://h/s?auth=basic", "auth must be negotiate, kerberos or ntlm, not 'basic'")]
    [InlineData("smb://h/s?spn=fs1", "spn must be a service principal such as cifs/fs1.corp.example, not 'fs1'")]
    [InlineData("smb://h/s?spn=cifs/", "spn must be a service principal")]
    [InlineData("smb://h/s?spn=cifs/a/b", "spn must be a service principal")]
    [InlineData("smb://h/s?spn=cifs/a%20b", "spn must be a service principal")]
    [InlineData("smb://h/s?spn=cifs/fs1@", "spn must be a service principal")]
    [InlineData("smb://h/s?auth=ntlm&spn=cifs/fs1", "spn= names a Kerberos service principal, which auth=ntlm never uses")]
    [InlineData("smb://u@h/s?guest=true&auth=kerberos", "guest=true cannot go with auth=kerberos")]
    public void Refuses_bad_auth_and_spn_options(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SmbUrl.Parse(text));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smb://h/s?seal", "unknown URL option 'seal'")]
    [InlineData("smb://h/s?guest=yes", "guest must be true or false, not 'yes'")]
    [InlineData("smb://u@h/s?guest=true&protection=sign", "guest=true cannot go with protection")]
    [InlineData("smb://h/s?protection=none", "protection must be sign or encrypt, not 'none'")]
    [InlineData("smb://h/s?protection", "protection must be sign or encrypt, not ''")]
    public void Refuses_unknown_options_and_values(string text, string expected)
    {
        Assert.Contains(expected, Assert.Throws<FormatException>(() => SmbUrl.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_never_prints() =>
        Assert.DoesNotContain("hunter2", SmbUrl.Parse("smb://u:hunter2@h/s").ToString(), StringComparison.Ordinal);

    [Fact]
    public void A_password_holding_at_signs_ends_at_the_last_one_before_the_path()
    {
        var url = SmbUrl.Parse("smb://dom;bob:p@ss@word@fs1/share/dir");

        Assert.Equal(("dom", "bob", "p@ss@word", "fs1", "share", "dir"), (url.Domain, url.User, url.Password, url.Host, url.Share, url.Path));
    }

    [Theory]
    [InlineData("smb://u:Zq7S3cret/Xy9Pass@fs1/share")]
    [InlineData("smb://u:Zq7S3cret@Xy9Pass@fs 1/share")]
    [InlineData("smb://Zq7S3cret:Xy9Pass@/share")]
    [InlineData("smb://u:Zq7S3cret@Xy9Pass@fs1:99999/share")]
    public void An_error_never_quotes_what_may_be_a_password(string text)
    {
        var message = Assert.Throws<FormatException>(() => SmbUrl.Parse(text)).Message;

        Assert.DoesNotContain("Zq7S3cret", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Xy9Pass", message, StringComparison.Ordinal);
    }
}

