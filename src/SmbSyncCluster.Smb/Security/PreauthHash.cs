using System.Security.Cryptography;

namespace SmbSyncCluster.Smb.Security;

/// <summary>
/// SMB 3.1.1 pre-authentication integrity hash ([MS-SMB2] 3.2.5.2, 3.2.5.3.1): SHA-512 chained over the
/// NEGOTIATE exchange and then every SESSION_SETUP request and response but the final success.
/// </summary>
internal sealed class PreauthHash
{
    private byte[] _value = new byte[64];

    public ReadOnlySpan<byte> Value => _value;

    public void Update(ReadOnlySpan<byte> message)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        sha.AppendData(_value);
        sha.AppendData(message);
        _value = sha.GetHashAndReset();
    }

    public PreauthHash Clone() => new() { _value = (byte[])_value.Clone() };
}
