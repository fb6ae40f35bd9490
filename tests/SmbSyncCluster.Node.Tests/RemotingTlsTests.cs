using System.Security.Cryptography.X509Certificates;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Node.Tests;

/// <summary>What a node or client accepts from a TLS peer: a certificate of the cluster's authority, nothing else.</summary>
public sealed class RemotingTlsTests : IDisposable
{
    private readonly TestAuthority _authority = TestAuthority.Create("smbsync peers CA");
    private readonly TestAuthority _other = TestAuthority.Create("smbsync peers CA");

    [Fact]
    public void A_peer_certificate_of_the_authority_is_trusted_and_any_other_is_not()
    {
        var tls = Load(_authority.Issue("self"));

        Assert.True(tls.IsTrusted(Certificate(_authority.Issue("peer")), null, out _));
        Assert.False(tls.IsTrusted(Certificate(_other.Issue("peer")), null, out var otherProblem));
        Assert.False(tls.IsTrusted(Certificate(_authority.SelfSigned("peer")), null, out _));
        Assert.False(tls.IsTrusted(Certificate(_authority.Issue("late", notAfter: DateTimeOffset.UtcNow.AddSeconds(-30))), null, out _));
        Assert.False(tls.IsTrusted(null, null, out var none));
        Assert.NotEmpty(otherProblem);
        Assert.Equal("no certificate", none);
    }

    [Fact]
    public void A_chain_the_peer_presents_does_not_make_its_own_root_trusted()
    {
        var tls = Load(_authority.Issue("self"));
        var peer = Certificate(_other.Issue("peer"));
        using var presented = new X509Chain();
        presented.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        presented.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificateFromFile(_other.CaFile));
        presented.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(presented.Build(peer));

        Assert.False(tls.IsTrusted(peer, presented, out _));
    }

    public void Dispose()
    {
        _authority.Dispose();
        _other.Dispose();
    }

    private static RemotingTls Load(CertificateFiles files) => RemotingTls.Load(files.Certificate, files.Key, files.Ca);

    private static X509Certificate2 Certificate(CertificateFiles files) => X509CertificateLoader.LoadCertificateFromFile(files.Certificate);
}
