using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace SmbSyncCluster.Contracts;

/// <summary>
/// Mutual TLS on Akka remoting, the same for a node and a cluster client: each side presents its own certificate
/// and accepts the other's only if it chains to the cluster's own certificate authority (not the system's trust
/// store, which would let any publicly issued certificate in). Bind it with <see cref="Config"/> and <see cref="Setup"/>.
/// </summary>
public sealed class RemotingTls
{
    /// <summary>The address protocol of a system with TLS on: <c>akka.ssl.tcp://smbsync@host:port</c>.</summary>
    public const string Protocol = "akka.ssl.tcp";

    private readonly X509Certificate2Collection _authorities;

    private RemotingTls(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        _authorities = authorities;
    }

    /// <summary>This system's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The HOCON that turns TLS on for the DotNetty transport; the certificate and the checks come with <see cref="Setup"/>.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.enable-ssl = on");

    /// <summary>
    /// Akka's TLS setup: this certificate, a certificate required from every peer (mutual authentication), and
    /// <see cref="Validate"/> as the only check. Host names are not checked: members reach each other by pod IP, and
    /// what identifies a peer is a certificate from the cluster's authority.
    /// </summary>
    public DotNettySslSetup Setup => new(Certificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false, Validate);

    /// <summary>
    /// Loads a certificate with its private key: PEM (<paramref name="certificateFile"/> and <paramref name="keyFile"/>,
    /// as cert-manager writes tls.crt and tls.key; the key may be encrypted with <paramref name="password"/>) or PKCS#12
    /// (<paramref name="keyFile"/> null), and the authorities peers must chain to (PEM, e.g. ca.crt). The certificate
    /// itself must chain to them, so a node given the wrong files stops at once rather than being refused by every peer.
    /// </summary>
    /// <exception cref="RemotingTlsException">A file cannot be read, is not what it should be, or the certificate is not the authority's.</exception>
    public static RemotingTls Load(string certificateFile, string? keyFile, string authorityFile, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(certificateFile);
        ArgumentNullException.ThrowIfNull(authorityFile);
        var authorities = Read(authorityFile, "certificate authority", () =>
        {
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(authorityFile);
            return all;
        });
        if (authorities.Count == 0 || authorities.Any(a => a.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true }))
        {
            throw new RemotingTlsException($"'{authorityFile}' holds no CA certificate (PEM, BEGIN CERTIFICATE, marked as a CA)");
        }
        if (keyFile is null && Read(certificateFile, "certificate", () => File.ReadAllText(certificateFile).Contains("-----BEGIN", StringComparison.Ordinal)))
        {
            throw new RemotingTlsException($"'{certificateFile}' is PEM: its private key is needed too (PKCS#12 holds both)");
        }
        var certificate = Read(certificateFile, "certificate", () => keyFile is null
            ? X509CertificateLoader.LoadPkcs12FromFile(certificateFile, password)
            : Pkcs12RoundTrip(password is null
                ? X509Certificate2.CreateFromPemFile(certificateFile, keyFile)
                : X509Certificate2.CreateFromEncryptedPemFile(certificateFile, password, keyFile)));
        if (!certificate.HasPrivateKey)
        {
            throw new RemotingTlsException($"'{certificateFile}' has no private key: give the key (PEM) or a PKCS#12 file that holds it");
        }
        var tls = new RemotingTls(certificate, authorities);
        if (!tls.IsTrusted(certificate, null, out var problem))
        {
            throw new RemotingTlsException($"'{certificateFile}' ({certificate.Subject}) is not a valid certificate of the authority in '{authorityFile}': {problem}");
        }
        return tls;
    }

    /// <summary>Whether <paramref name="peer"/> chains to the cluster's authorities alone; the chain the peer sent only supplies intermediates.</summary>
    public bool IsTrusted(X509Certificate2? peer, X509Chain? presented, out string problem)
    {
        if (peer is null)
        {
            problem = "no certificate";
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // The authority is the cluster's own (cert-manager's CA issuer, scripts/gen-test-ca.sh): it publishes no revocation lists.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        foreach (var element in presented?.ChainElements.Skip(1) ?? [])
        {
            chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        if (chain.Build(peer))
        {
            problem = "";
            return true;
        }
        problem = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).DefaultIfEmpty("the chain does not build"));
        return false;
    }

    /// <summary>Akka's check of a peer's certificate: <see cref="IsTrusted"/>, whatever the system's trust store made of it.</summary>
    private bool Validate(X509Certificate2? peer, X509Chain? chain, string remote, System.Net.Security.SslPolicyErrors errors, ILoggingAdapter log)
    {
        if (IsTrusted(peer, chain, out var problem))
        {
            return true;
        }
        log.Warning("Refused the TLS peer {0} ({1}): {2}", remote, peer?.Subject ?? "no certificate", problem);
        return false;
    }

    private static T Read<T>(string file, string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new RemotingTlsException($"'{file}' cannot be read as a {what}: {e.Message.ReplaceLineEndings(" ").Trim()}", e);
        }
    }

    /// <summary>A key loaded from PEM lives in memory only; TLS on some platforms needs it in a key store, as PKCS#12 loads it.</summary>
    private static X509Certificate2 Pkcs12RoundTrip(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
