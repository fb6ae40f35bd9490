using System.Security.Cryptography.X509Certificates;
using SmbSyncCluster.Node.Cli;
using SmbSyncCluster.Node.Hosting;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// The remoting TLS options of <c>smbsync node</c>: remoting beyond loopback needs them, and certificates that cannot
/// work (wrong key, another authority, no authority) stop the node at start with one line.
/// </summary>
public sealed class NodeTlsSettingsTests : IDisposable
{
    private static readonly string DataDir = Directory.CreateTempSubdirectory("smbsync-tls-settings-").FullName;
    private readonly TestAuthority _authority = TestAuthority.Create("smbsync settings CA");

    private static NodeSettings Parse(IEnumerable<string> args, Dictionary<string, string>? env = null) =>
        NodeSettings.Parse([.. args, "--data-dir", DataDir], name => env?.GetValueOrDefault(name));

    [Theory]
    [InlineData("--bind-hostname 0.0.0.0")]
    [InlineData("--hostname 10.1.2.3")]
    [InlineData("--hostname node-0.nodes")]
    [InlineData("--hostname 10.1.2.3 --bind-hostname ::")]
    public void Remoting_beyond_loopback_without_tls_is_refused(string options)
    {
        var error = Assert.Throws<UsageException>(() => Parse(options.Split(' ')));

        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
        Assert.Contains("--tls-cert", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--hostname localhost")]
    [InlineData("--hostname 10.1.2.3 --bind-hostname 127.0.0.1")]
    public void Remoting_on_loopback_may_stay_plain(string options)
    {
        var settings = Parse(options.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Null(settings.Tls);
        Assert.Equal("akka.tcp", settings.Protocol);
        Assert.Contains("tls=off", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_tls_remoting_listens_beyond_loopback_and_the_members_addresses_say_so()
    {
        var node = _authority.Issue("node-0");

        var settings = Parse(["--hostname", "10.1.2.3", "--bind-hostname", "0.0.0.0", "--seed", "10.1.2.4:4053", "--db", "postgresql://svc@db/jobs", .. node.NodeArguments]);
        var fromEnv = Parse(["--hostname", "10.1.2.3", "--bind-hostname", "0.0.0.0"],
            new() { ["SMBSYNC_TLS_CERT"] = node.Certificate, ["SMBSYNC_TLS_KEY"] = node.Key, ["SMBSYNC_TLS_CA"] = node.Ca });

        Assert.Equal("CN=node-0", settings.Tls?.Certificate.Subject);
        Assert.True(settings.Tls!.Certificate.HasPrivateKey);
        Assert.Equal(["akka.ssl.tcp://smbsync@10.1.2.4:4053"], settings.SeedAddresses);
        Assert.Contains("tls=CN=node-0", settings.ToString(), StringComparison.Ordinal);
        Assert.Equal("CN=node-0", fromEnv.Tls?.Certificate.Subject);
    }

    [Fact]
    public void A_pkcs12_certificate_takes_its_password_from_a_file()
    {
        var node = _authority.Issue("node-p12");
        using var pem = X509Certificate2.CreateFromPemFile(node.Certificate, node.Key);
        var pfx = Path.Combine(DataDir, "node.p12");
        File.WriteAllBytes(pfx, pem.Export(X509ContentType.Pkcs12, "s3cret-pass"));
        var passwordFile = Path.Combine(DataDir, "p12-password");
        File.WriteAllText(passwordFile, "s3cret-pass\n");
        var wrongFile = Path.Combine(DataDir, "p12-wrong");
        File.WriteAllText(wrongFile, "guess");

        var settings = Parse(["--tls-cert", pfx, "--tls-ca", node.Ca, "--tls-password-file", passwordFile]);
        var wrong = Assert.Throws<UsageException>(() => Parse(["--tls-cert", pfx, "--tls-ca", node.Ca, "--tls-password-file", wrongFile]));

        Assert.Equal("CN=node-p12", settings.Tls?.Certificate.Subject);
        Assert.Contains(pfx, wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("guess", wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cert-only", "all of them or none")]
    [InlineData("no-ca", "all of them or none")]
    [InlineData("other-authority", "not a valid certificate of the authority")]
    [InlineData("self-signed", "not a valid certificate of the authority")]
    [InlineData("expired", "not a valid certificate of the authority")]
    [InlineData("wrong-key", "cannot be read as a certificate")]
    [InlineData("leaf-as-ca", "no CA certificate")]
    [InlineData("missing-key", "cannot be read as a certificate")]
    [InlineData("pem-without-key", "its private key is needed too")]
    [InlineData("missing-ca", "cannot be read as a certificate authority")]
    public void A_certificate_that_cannot_work_is_one_clear_line(string problem, string expected)
    {
        using var other = TestAuthority.Create("smbsync settings CA");
        var node = _authority.Issue("node-" + problem);
        string[] args = problem switch
        {
            "cert-only" => ["--tls-cert", node.Certificate],
            "no-ca" => ["--tls-cert", node.Certificate, "--tls-key", node.Key],
            "other-authority" => [.. (other.Issue("node") with { Ca = node.Ca }).NodeArguments],
            "self-signed" => [.. (other.SelfSigned("node") with { Ca = node.Ca }).NodeArguments],
            "expired" => [.. _authority.Issue("old", notAfter: DateTimeOffset.UtcNow.AddMinutes(-1)).NodeArguments],
            "wrong-key" => [.. (node with { Key = other.Issue("node").Key }).NodeArguments],
            "leaf-as-ca" => [.. (node with { Ca = node.Certificate }).NodeArguments],
            "missing-key" => [.. (node with { Key = "/does/not/exist.key" }).NodeArguments],
            "pem-without-key" => ["--tls-cert", node.Certificate, "--tls-ca", node.Ca],
            _ => [.. (node with { Ca = "/does/not/exist.crt" }).NodeArguments],
        };

        var error = Assert.Throws<UsageException>(() => Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_test_ca_script_makes_certificates_a_node_and_a_client_accept()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SmbSyncCluster.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }
        var dir = Path.Combine(DataDir, "script-ca-" + Guid.NewGuid().ToString("N")[..6]);
        ExternalTool.Run(ExternalTool.Find("bash", "install bash"), [Path.Combine(root, "scripts", "gen-test-ca.sh"), dir, "node", "client"]);
        string[] Files(string name) => ["--tls-cert", Path.Combine(dir, name, "tls.crt"), "--tls-key", Path.Combine(dir, name, "tls.key"), "--tls-ca", Path.Combine(dir, name, "ca.crt")];

        var node = Parse(["--bind-hostname", "0.0.0.0", .. Files("node")]).Tls!;
        var client = Parse(Files("client")).Tls!;

        Assert.True(node.IsTrusted(client.Certificate, null, out _));
        Assert.True(client.IsTrusted(node.Certificate, null, out _));
        Assert.False(node.IsTrusted(X509CertificateLoader.LoadCertificateFromFile(_authority.Issue("stranger").Certificate), null, out _));
    }

    public void Dispose() => _authority.Dispose();
}
