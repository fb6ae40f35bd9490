using System.Security.Cryptography;

namespace SmbSyncCluster.Smb.Crypto;

/// <summary>
/// The SMB 3.x key derivation function ([MS-SMB2] 3.1.4.2): NIST SP 800-108 in counter mode with
/// HMAC-SHA256 as PRF, r = 32 and i starting at 1. The PRF input is [i]₂ || Label || 0x00 || Context || [L]₂;
/// SMB's labels and contexts already end in a NUL (e.g. "SMB2AESCMAC\0"), and the 0x00 separator comes on
/// top of that. The BCL's counter-mode KDF builds exactly that input.
/// </summary>
internal static class Sp800108
{
    public static byte[] DeriveKey(ReadOnlySpan<byte> key, ReadOnlySpan<byte> label, ReadOnlySpan<byte> context, int lengthBits)
    {
        if (lengthBits <= 0 || lengthBits % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthBits), lengthBits, "The derived key length must be a positive whole number of bytes, in bits.");
        }
        return SP800108HmacCounterKdf.DeriveBytes(key, HashAlgorithmName.SHA256, label, context, lengthBits / 8);
    }
}
