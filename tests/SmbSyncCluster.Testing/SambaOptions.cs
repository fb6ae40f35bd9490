namespace SmbSyncCluster.Testing;

/// <summary>How a throwaway Samba is configured; each variant the SMB client must work against is one of these.</summary>
public sealed record SambaOptions
{
    /// <summary>smb.conf <c>server signing</c>: default, auto, mandatory.</summary>
    public string Signing { get; init; } = "default";

    /// <summary>smb.conf <c>server smb encrypt</c> for the whole server: default, desired, required.</summary>
    public string Encryption { get; init; } = "default";

    /// <summary>smb.conf <c>server min protocol</c>, e.g. SMB2_02 or SMB3_11.</summary>
    public string MinProtocol { get; init; } = "SMB2_02";

    /// <summary>smb.conf <c>server max protocol</c>.</summary>
    public string MaxProtocol { get; init; } = "SMB3_11";

    /// <summary>The directory the server's state and shares go under; the system's temp directory when null.</summary>
    public string? Parent { get; init; }

    public static SambaOptions Default { get; } = new();
    public static SambaOptions SigningMandatory { get; } = new() { Signing = "mandatory" };
    public static SambaOptions EncryptionRequired { get; } = new() { Encryption = "required" };
    public static SambaOptions Smb311Only { get; } = new() { MinProtocol = "SMB3_11" };
}
