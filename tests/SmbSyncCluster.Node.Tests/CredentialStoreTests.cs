using SmbSyncCluster.Node.Credentials;

namespace SmbSyncCluster.Node.Tests;

public sealed class CredentialStoreTests
{
    private static readonly string Root = Directory.CreateTempSubdirectory("smbsync-creds-").FullName;

    [Fact]
    public void A_named_credential_comes_from_its_variable_before_its_file()
    {
        File.WriteAllText(Path.Combine(Root, "nas-1.eu"), "from-file\n");
        var env = new Dictionary<string, string> { ["SMBSYNC_CREDENTIAL_NAS_1_EU"] = "from-env" };

        var withVariable = new CredentialStore(Root, name => env.GetValueOrDefault(name)).Lookup("nas-1.eu");
        var fileOnly = new CredentialStore(Root, _ => null).Lookup("nas-1.eu");

        Assert.Equal(("from-env", "from-file"), (withVariable, fileOnly));
    }

    [Fact]
    public void The_default_credential_is_smbsync_password_else_the_file_named_default()
    {
        File.WriteAllText(Path.Combine(Root, "default"), "default-file\r\n");

        Assert.Equal("env", new CredentialStore(Root, n => n == "SMBSYNC_PASSWORD" ? "env" : null).Lookup(null));
        Assert.Equal("default-file", new CredentialStore(Root, _ => null).Lookup(null));
    }

    [Fact]
    public void A_credential_nobody_configured_is_null_and_a_rotated_file_is_read_again()
    {
        var store = new CredentialStore(Root, _ => null);
        var file = Path.Combine(Root, "rotating");

        Assert.Null(store.Lookup("nobody"));
        File.WriteAllText(file, "old");
        var before = store.Lookup("rotating");
        File.WriteAllText(file, "new");

        Assert.Equal(("old", "new"), (before, store.Lookup("rotating")));
    }

    [Fact]
    public void A_host_list_comes_from_its_variable_else_the_hosts_file_and_none_means_any_server()
    {
        File.WriteAllText(Path.Combine(Root, "finance"), "pw");
        File.WriteAllText(Path.Combine(Root, "finance.hosts"), "# file servers\nfs1.corp, fs2.corp\n10.0.0.5 # the old one\n");
        File.WriteAllText(Path.Combine(Root, "open"), "pw");
        var env = new Dictionary<string, string> { ["SMBSYNC_CREDENTIAL_FINANCE_HOSTS"] = "fs9.corp", ["SMBSYNC_PASSWORD_HOSTS"] = "nas" };

        var fromFile = new CredentialStore(Root, _ => null).HostsOf("finance");
        var fromVariable = new CredentialStore(Root, name => env.GetValueOrDefault(name)).HostsOf("finance");
        var defaultHosts = new CredentialStore(Root, name => env.GetValueOrDefault(name)).HostsOf(null);

        Assert.Equal(["fs1.corp", "fs2.corp", "10.0.0.5"], fromFile);
        Assert.Equal(["fs9.corp"], fromVariable);
        Assert.Equal(["nas"], defaultHosts);
        Assert.Null(new CredentialStore(Root, _ => null).HostsOf("open"));
    }

    [Fact]
    public void A_host_list_is_never_read_as_a_secret()
    {
        File.WriteAllText(Path.Combine(Root, "payroll.hosts"), "fs1.corp");
        var env = new Dictionary<string, string> { ["SMBSYNC_CREDENTIAL_PAYROLL_HOSTS"] = "fs1.corp" };
        var store = new CredentialStore(Root, name => env.GetValueOrDefault(name));

        Assert.All(new[] { store.Lookup("payroll.hosts"), store.Lookup("payroll_hosts"), store.Lookup("PAYROLL-HOSTS") }, Assert.Null);
        Assert.Empty(store.HostsOf("payroll.hosts")!);
    }

    [Fact]
    public void A_password_from_the_environment_keeps_its_host_list_under_every_spelling_of_its_name()
    {
        // The variable is found by "audit", "AUDIT" and "Audit" alike; the list beside it must be too, or a spec
        // spelling the name differently sends the password anywhere.
        File.WriteAllText(Path.Combine(Root, "audit.hosts"), "fs2.corp");
        var env = new Dictionary<string, string> { ["SMBSYNC_CREDENTIAL_AUDIT"] = "from-env" };
        var store = new CredentialStore(Root, name => env.GetValueOrDefault(name));

        Assert.All(new[] { "audit", "AUDIT", "Audit" }, name =>
        {
            Assert.Equal("from-env", store.Lookup(name));
            Assert.Equal(["fs2.corp"], store.HostsOf(name));
        });
    }
}
