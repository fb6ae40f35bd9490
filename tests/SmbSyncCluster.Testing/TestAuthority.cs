using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmbSyncCluster.Testing;

/// <summary>
/// A certificate authority made in memory for a test, and the certificates it issues, written as PEM files the way
/// cert-manager writes a Secret (tls.crt, tls.key, ca.crt): what scripts/gen-test-ca.sh makes with openssl, without openssl.
/// </summary>
public sealed class TestAuthority : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly string _directory;

    private TestAuthority(X509Certificate2 ca, string directory)
    {
        _ca = ca;
        _directory = directory;
        CaFile = Path.Combine(directory, "ca.crt");
        File.WriteAllText(CaFile, ca.ExportCertificatePem());
    }

    /// <summary>The authority's certificate (PEM), what the nodes trust.</summary>
    public string CaFile { get; }

    /// <summary>A new authority named <paramref name="name"/>, its files under a new temporary directory.</summary>
    public static TestAuthority Create(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return new TestAuthority(ca, Directory.CreateTempSubdirectory("smbsync-ca-").FullName);
    }

    /// <summary>A node or client certificate the authority issues (server and client use, valid for 127.0.0.1), as tls.crt and tls.key in its own directory.</summary>
    public CertificateFiles Issue(string name, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Leaf(name, key);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var certificate = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-5), notAfter ?? DateTimeOffset.UtcNow.AddHours(12), serial);
        return Write(name, certificate, key);
    }

    /// <summary>A certificate that looks like the authority's but is signed by its own key: what an intruder can make.</summary>
    public CertificateFiles SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = Leaf(name, key).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12));
        return Write(name, certificate, key);
    }

    public void Dispose() => _ca.Dispose();

    private static CertificateRequest Leaf(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        return request;
    }

    private CertificateFiles Write(string name, X509Certificate2 certificate, ECDsa key)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;
        var files = new CertificateFiles(Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"), CaFile);
        File.WriteAllText(files.Certificate, certificate.ExportCertificatePem());
        File.WriteAllText(files.Key, key.ExportPkcs8PrivateKeyPem());
        return files;
    }
}
