using System.Text;
using SmbSyncCluster.Smb.Crypto;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Security;

/// <summary>The signing and cipher keys of a session, derived from the authentication's session key ([MS-SMB2] 3.2.5.3.1).</summary>
internal sealed record SessionKeys(byte[] SigningKey, byte[] EncryptionKey, byte[] DecryptionKey)
{
    public static SessionKeys Derive(Smb2Dialect dialect, byte[] sessionKey, Smb2Cipher cipher, ReadOnlySpan<byte> preauthHash)
    {
        // Keys are derived from the first 16 bytes of the session key, or the full key for AES-256.
        var key = sessionKey.Length > 16 && cipher is not (Smb2Cipher.Aes256Ccm or Smb2Cipher.Aes256Gcm)
            ? sessionKey[..16]
            : sessionKey;
        if (dialect < Smb2Dialect.Smb300)
        {
            return new SessionKeys(key, [], []);
        }
        var cipherBits = cipher is Smb2Cipher.Aes256Ccm or Smb2Cipher.Aes256Gcm ? 256 : 128;
        if (dialect == Smb2Dialect.Smb311)
        {
            return new SessionKeys(
                Sp800108.DeriveKey(key, Label("SMBSigningKey"), preauthHash, 128),
                Sp800108.DeriveKey(key, Label("SMBC2SCipherKey"), preauthHash, cipherBits),
                Sp800108.DeriveKey(key, Label("SMBS2CCipherKey"), preauthHash, cipherBits));
        }
        return new SessionKeys(
            Sp800108.DeriveKey(key, Label("SMB2AESCMAC"), Label("SmbSign"), 128),
            Sp800108.DeriveKey(key, Label("SMB2AESCCM"), Label("ServerIn "), 128),
            Sp800108.DeriveKey(key, Label("SMB2AESCCM"), Label("ServerOut"), 128));
    }

    /// <summary>The spec's labels and contexts are NUL-terminated ASCII strings.</summary>
    private static byte[] Label(string s) => Encoding.ASCII.GetBytes(s + "\0");
}
