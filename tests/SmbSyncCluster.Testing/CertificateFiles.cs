namespace SmbSyncCluster.Testing;

/// <summary>A certificate (PEM), its private key (PEM) and the authority the holder trusts.</summary>
public sealed record CertificateFiles(string Certificate, string Key, string Ca)
{
    /// <summary>The node options that give these files.</summary>
    public IReadOnlyList<string> NodeArguments => ["--tls-cert", Certificate, "--tls-key", Key, "--tls-ca", Ca];
}
