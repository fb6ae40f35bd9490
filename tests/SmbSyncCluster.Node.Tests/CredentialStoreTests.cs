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
}
