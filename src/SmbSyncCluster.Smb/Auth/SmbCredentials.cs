namespace SmbSyncCluster.Smb.Auth;

/// <summary>
/// Who an SMB session authenticates as. Deliberately not a record: <see cref="ToString"/> must never
/// show the password, so it prints only <c>DOMAIN\user</c>.
/// </summary>
public sealed class SmbCredentials
{
    private readonly string _domain = "";
    private readonly string _userName = "";
    private readonly string _password = "";

    /// <summary>Creates anonymous credentials; set the properties to name a user.</summary>
    public SmbCredentials()
    {
    }

    /// <summary>Creates credentials for a user.</summary>
    /// <param name="domain">The user's domain; empty for a local or workgroup account.</param>
    /// <param name="userName">The user name; empty for an anonymous session.</param>
    /// <param name="password">The password.</param>
    public SmbCredentials(string domain, string userName, string password)
    {
        Domain = domain;
        UserName = userName;
        Password = password;
    }

    /// <summary>Credentials for an anonymous (null) session: no user, no password.</summary>
    public static SmbCredentials Anonymous { get; } = new();

    /// <summary>The user's domain; may be empty.</summary>
    public string Domain
    {
        get => _domain;
        init => _domain = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The user name; empty means an anonymous session.</summary>
    public string UserName
    {
        get => _userName;
        init => _userName = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The password; ignored for an anonymous session.</summary>
    public string Password
    {
        get => _password;
        init => _password = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// A keytab file holding the user's Kerberos keys, used instead of a password or ticket cache (a service
    /// account on a node); null when there is none.
    /// </summary>
    public string? Keytab { get; init; }

    /// <summary>
    /// The Kerberos realm the user names: the part after '@' in <c>user@REALM</c>, or a domain written as a DNS
    /// name (<c>CORP.EXAMPLE;user</c>); null for a NetBIOS domain or none, which leaves krb5.conf's default realm.
    /// </summary>
    public string? Realm =>
        UserName.LastIndexOf('@') is var at and >= 0 ? UserName[(at + 1)..].ToUpperInvariant()
        : Domain.Contains('.', StringComparison.Ordinal) ? Domain.ToUpperInvariant()
        : null;

    /// <summary>The Kerberos principal (<c>user@REALM</c>, or <c>user</c> for the default realm); null when anonymous.</summary>
    public string? Principal =>
        IsAnonymous ? null
        : UserName.Contains('@', StringComparison.Ordinal) ? $"{UserName[..UserName.LastIndexOf('@')]}@{Realm}"
        : Realm is { } realm ? $"{UserName}@{realm}"
        : UserName;

    /// <summary>True when there is no user name, so the session is anonymous.</summary>
    public bool IsAnonymous => UserName.Length == 0;

    /// <summary>Returns <c>DOMAIN\user</c>, <c>user</c> or <c>(anonymous)</c>; never the password.</summary>
    public override string ToString() =>
        IsAnonymous ? "(anonymous)" : Domain.Length == 0 ? UserName : $"{Domain}\\{UserName}";
}
