using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>Where a request goes and how it is protected: session, tree, signing or encryption, compounding.</summary>
internal readonly record struct RequestContext(
    Smb2Session? Session = null,
    uint TreeId = 0,
    bool Encrypt = false,
    bool Related = false,
    PreauthHash? Preauth = null,
    bool ForceSign = false)
{
    public bool Sign => Session is { SendSigner: not null } && (Session.SigningRequired || ForceSign) && !Encrypt;

    /// <summary>True when a message goes out as it is: not signed, encrypted or hashed into the pre-authentication hash.</summary>
    public bool Plain => !Encrypt && !Sign && Preauth is null;
}
