using System.Text;
using SmbSyncCluster.Smb.Crypto;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Security;

/// <summary>The signing and cipher keys of a session, derived from the authentication's session key ([MS-SMB2] 3.2.5.3.1).</summary>
internal sealed record SessionKeys(byte[] SigningKey, byte[] EncryptionKey, byte[] DecryptionKey)
{
    public static SessionKeys Derive(Smb2Dialect dialect, byte[] sessionKey, Smb2Cipher cipher, ReadOnlySpan<byte> preauthHash)
    {
        // Session.SessionKey is the first 16 bytes of the key (a shorter one padded with zeros); only the
        // AES-256 cipher keys come from the full key, Session.FullSessionKey. A Kerberos AES key is 32 bytes,
        // so signing with the full key there would fail every signature.
        var key = new byte[16];
        sessionKey.AsSpan(0, Math.Min(16, sessionKey.Length)).CopyTo(key);
        if (dialect < Smb2Dialect.Smb300)
        {
            return new SessionKeys(key, [], []);
        }
        var aes256 = cipher is Smb2Cipher.Aes256Ccm or Smb2Cipher.Aes256Gcm;
        if (dialect == Smb2Dialect.Smb311)
        {
            var cipherKey = aes256 ? sessionKey : key;
            return new SessionKeys(
                Sp800108.DeriveKey(key, Label("SMBSigningKey"), preauthHash, 128),
                Sp800108.DeriveKey(cipherKey, Label("SMBC2SCipherKey"), preauthHash, aes256 ? 256 : 128),
                Sp800108.DeriveKey(cipherKey, Label("SMBS2CCipherKey"), preauthHash, aes256 ? 256 : 128));
        }
        return new SessionKeys(
            Sp800108.DeriveKey(key, Label("SMB2AESCMAC"), Label("SmbSign"), 128),
            Sp800108.DeriveKey(key, Label("SMB2AESCCM"), Label("ServerIn "), 128),
            Sp800108.DeriveKey(key, Label("SMB2AESCCM"), Label("ServerOut"), 128));
    }

    /// <summary>The spec's labels and contexts are NUL-terminated ASCII strings.</summary>
    private static byte[] Label(string s) => Encoding.ASCII.GetBytes(s + "\0");
}
