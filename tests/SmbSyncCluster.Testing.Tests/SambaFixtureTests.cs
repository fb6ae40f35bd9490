using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Testing.Tests;

/// <summary>The Samba fixture serves real shares that the stock smbclient can use.</summary>
public sealed class SambaFixtureTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    [Fact]
    public void Smbclient_lists_a_file_placed_in_the_share()
    {
        File.WriteAllText(Path.Combine(samba.Server.SharePath(), "hello.txt"), "hello");

        var listing = samba.Server.SmbClient(SambaServer.ShareName, "ls");

        Assert.Contains("hello.txt", listing, StringComparison.Ordinal);
    }

    [Fact]
    public void Smbclient_uploads_into_the_share()
    {
        var source = Path.GetTempFileName();
        File.WriteAllText(source, "payload");
        try
        {
            samba.Server.SmbClient(SambaServer.ShareName, $"put {source} uploaded.txt");
        }
        finally
        {
            File.Delete(source);
        }

        Assert.Equal("payload", File.ReadAllText(Path.Combine(samba.Server.SharePath(), "uploaded.txt")));
    }

    [Fact]
    public void Readonly_share_refuses_writes()
    {
        var source = Path.GetTempFileName();
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(
                () => samba.Server.SmbClient(SambaServer.ReadOnlyShareName, $"put {source} nope.txt"));
            Assert.Contains("NT_STATUS_ACCESS_DENIED", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(source);
        }
    }
}

public sealed class EncryptedSambaFixtureTests(EncryptionRequiredSambaFixture samba) : IClassFixture<EncryptionRequiredSambaFixture>
{
    [Fact]
    public void Smbclient_lists_a_share_that_requires_encryption()
    {
        File.WriteAllText(Path.Combine(samba.Server.SharePath(), "secret.txt"), "x");

        var listing = samba.Server.SmbClient(SambaServer.ShareName, "ls", "--client-protection=encrypt");

        Assert.Contains("secret.txt", listing, StringComparison.Ordinal);
    }
}
