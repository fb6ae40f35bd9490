using SmbSyncCluster.Testing;
using static SmbSyncCluster.Node.Tests.SambaPair;

namespace SmbSyncCluster.Node.Tests;

[CollectionDefinition(Name)]
public sealed class SambaDomainCollection : ICollectionFixture<SambaDomainFixture>
{
    public const string Name = "Samba AD DC";
}

/// <summary>
/// The smbsync executable syncing with a share of a real Samba AD DC that refuses NTLM, with each kind of
/// Kerberos credential a user or a node has: a password, a ticket cache after kinit, a keytab.
/// </summary>
[Collection(SambaDomainCollection.Name)]
public sealed class KerberosCliTests(SambaDomainFixture domain)
{
    private SambaDomainController Dc => domain.Controller;

    private (string Local, string Disk, string[] Args) NewPair(string user = $"{SambaDomainController.Realm};{SambaDomainController.UserName}", string options = "")
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var disk = Path.Combine(Dc.SharePath, name);
        Directory.CreateDirectory(disk);
        var local = Directory.CreateTempSubdirectory("smbsync-local-").FullName;
        Write(local, "up.txt", "up");
        var url = $"smb://{user}@127.0.0.1:{Dc.Port}/{SambaDomainController.ShareName}/{name}?spn={SambaDomainController.ServicePrincipal}{options}";
        return (local, disk, ["sync", local, url, "--data-dir", Directory.CreateTempSubdirectory("smbsync-data-").FullName, "--json", "--mode", "upload"]);
    }

    /// <summary>A ticket cache of this run only, so that no test uses another's tickets.</summary>
    private static string EmptyCache() => "FILE:" + Path.Combine(Directory.CreateTempSubdirectory("smbsync-ccache-").FullName, "ccache");

    [Fact]
    public async Task The_password_of_a_realm_user_gets_a_ticket()
    {
        var (_, disk, args) = NewPair();
        var info = CliProcess.StartInfo(args, SambaDomainController.Password);
        info.Environment["KRB5CCNAME"] = EmptyCache();

        var result = await CliProcess.RunAsync(info);

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(["up.txt=up"], Tree(disk));
        Assert.DoesNotContain(SambaDomainController.Password, result.Out + result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ticket_from_kinit_needs_no_password()
    {
        var (_, disk, args) = NewPair();
        var cache = EmptyCache();
        Dc.Kinit(cache["FILE:".Length..]);
        var info = CliProcess.StartInfo(args, password: null);
        info.Environment["KRB5CCNAME"] = cache;

        var result = await CliProcess.RunAsync(info);

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(["up.txt=up"], Tree(disk));
    }

    [Fact]
    public async Task A_client_keytab_needs_no_password_nor_ticket()
    {
        var (_, disk, args) = NewPair(options: "&auth=kerberos");
        var info = CliProcess.StartInfo(args, password: null);
        info.Environment["KRB5CCNAME"] = EmptyCache();
        info.Environment["KRB5_CLIENT_KTNAME"] = "FILE:" + Dc.Keytab;

        var result = await CliProcess.RunAsync(info);

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(["up.txt=up"], Tree(disk));
    }

    [Fact]
    public async Task Without_a_ticket_kerberos_says_so_in_one_line_and_NTLM_is_refused()
    {
        var (_, kerberosDisk, kerberosArgs) = NewPair(options: "&auth=kerberos");
        var kerberos = CliProcess.StartInfo(kerberosArgs, password: null);
        kerberos.Environment["KRB5CCNAME"] = EmptyCache();
        var (_, ntlmDisk, ntlmArgs) = NewPair(user: $"{SambaDomainController.NetbiosDomain};{SambaDomainController.UserName}");
        var ntlm = CliProcess.StartInfo([.. ntlmArgs.Select(a => a.Replace("?spn=" + SambaDomainController.ServicePrincipal, "?auth=ntlm", StringComparison.Ordinal))], SambaDomainController.Password);

        var noTicket = await CliProcess.RunAsync(kerberos);
        var refused = await CliProcess.RunAsync(ntlm);

        Assert.True(noTicket.Code == 3, noTicket.ToString());
        Assert.Contains("Kerberos: no ticket, keytab or password for alice@SMBSYNC.TEST", noTicket.Err, StringComparison.Ordinal);
        Assert.Single(noTicket.Err.Trim().Split('\n'));
        Assert.True(refused.Code == 3, refused.ToString());
        Assert.Contains("STATUS_NTLM_BLOCKED", refused.Err, StringComparison.Ordinal);
        Assert.Empty(Tree(kerberosDisk));
        Assert.Empty(Tree(ntlmDisk));
    }
}
