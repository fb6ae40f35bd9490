using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb;

/// <summary>How to reach and talk to an SMB server. Never prints the password (see <see cref="SmbCredentials"/>).</summary>
public sealed record SmbClientOptions
{
    /// <summary>Server host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port of the direct-TCP SMB transport; 445 unless the server listens elsewhere.</summary>
    public int Port { get; init; } = 445;

    /// <summary>Who to authenticate as; anonymous by default.</summary>
    public SmbCredentials Credentials { get; init; } = SmbCredentials.Anonymous;

    /// <summary>Dialects offered, any subset of the five this client speaks.</summary>
    public IReadOnlyList<Smb2Dialect> Dialects { get; init; } =
        [Smb2Dialect.Smb202, Smb2Dialect.Smb210, Smb2Dialect.Smb300, Smb2Dialect.Smb302, Smb2Dialect.Smb311];

    /// <summary>Sign every message even when the server does not require it.</summary>
    public bool RequireSigning { get; init; }

    /// <summary>
    /// Accept a session the server admits as guest although a user was named (Samba's
    /// <c>map to guest = bad user</c> does so for an unknown user). Off by default, as on Windows: such a
    /// session has no key, so nothing on it is signed, and it works as someone other than the user named.
    /// </summary>
    public bool AllowGuest { get; init; }

    /// <summary>Encrypt every message even when the server or share does not require it (needs SMB 3.x).</summary>
    public bool RequireEncryption { get; init; }

    /// <summary>SMB 3.1.1 ciphers offered, most preferred first.</summary>
    public IReadOnlyList<Smb2Cipher> Ciphers { get; init; } =
        [Smb2Cipher.Aes128Gcm, Smb2Cipher.Aes256Gcm, Smb2Cipher.Aes128Ccm, Smb2Cipher.Aes256Ccm];

    /// <summary>How long to wait for the TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long, in all, a client whose connection dropped keeps trying to connect again before its calls
    /// fail with <see cref="Errors.SmbServerUnreachableException"/>: a server restarting or failing over
    /// is waited for, one that stays down is reported. The first connection is never waited for.
    /// </summary>
    public TimeSpan ReconnectBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request may wait for its response before the connection is declared dead.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Upper bound on one READ or WRITE, below the server's own maximum (large MTU, [MS-SMB2] 3.2.4.1.5).</summary>
    public int MaxIoSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Credits asked for beyond each request's charge, so that many requests can be in flight.</summary>
    public int ExtraCreditRequest { get; init; } = 128;

    /// <summary>Workstation name sent during authentication.</summary>
    public string Workstation { get; init; } = Environment.MachineName;

    /// <summary>Kerberos, NTLM, or Kerberos where it is at hand and NTLM otherwise (the default).</summary>
    public SmbAuthMethod Authentication { get; init; } = SmbAuthMethod.Negotiate;

    /// <summary>
    /// The server's Kerberos service principal, when it is not <c>cifs/</c> and the host as given (connecting by
    /// address, or through an alias the domain does not know): <c>cifs/fs1.corp.example[@REALM]</c>.
    /// </summary>
    public string? ServicePrincipal { get; init; }

    /// <summary>Builds the authenticator for a session instead of <see cref="Authentication"/>'s choice (tests fix NTLM's randomness with it).</summary>
    public Func<SmbCredentials, ISmbAuthenticator>? AuthenticatorFactory { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"smb://{Credentials}@{Host}:{Port}";
}
