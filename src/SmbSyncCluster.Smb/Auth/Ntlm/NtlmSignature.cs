using System.Buffers.Binary;
using System.Security.Cryptography;
using SmbSyncCluster.Smb.Crypto;

namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>
/// NTLMSSP_MESSAGE_SIGNATURE with extended session security ([MS-NLMP] 2.2.2.9.1, 3.4.4.2):
/// Version 1, the first 8 bytes of HMAC_MD5(SigningKey, SeqNum || Message) (RC4-sealed when KEY_EXCH was
/// negotiated), SeqNum. SMB signs only one NTLM message, the SPNEGO mechListMIC, and it is the first
/// message on each direction's sealing handle, so every signature here uses SeqNum 0 and a fresh RC4 state.
/// </summary>
internal static class NtlmSignature
{
    public const int Size = 16;

    private const uint Version = 1;
    private const int ChecksumSize = 8;

    public static byte[] ComputeFirst(ReadOnlySpan<byte> exportedSessionKey, NtlmNegotiateFlags flags, NtlmDirection direction, ReadOnlySpan<byte> message)
    {
        const uint sequenceNumber = 0;
        var signingKey = NtlmSessionKeys.SigningKey(exportedSessionKey, direction);
        var input = new byte[4 + message.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(input, sequenceNumber);
        message.CopyTo(input.AsSpan(4));
        var checksum = HMACMD5.HashData(signingKey, input).AsSpan(0, ChecksumSize).ToArray();
        CryptographicOperations.ZeroMemory(signingKey);

        if (flags.HasFlag(NtlmNegotiateFlags.KeyExchange))
        {
            var sealingKey = NtlmSessionKeys.SealingKey(exportedSessionKey, flags, direction);
            checksum = Rc4.Transform(sealingKey, checksum);
            CryptographicOperations.ZeroMemory(sealingKey);
        }

        var signature = new byte[Size];
        BinaryPrimitives.WriteUInt32LittleEndian(signature, Version);
        checksum.CopyTo(signature, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(signature.AsSpan(4 + ChecksumSize), sequenceNumber);
        return signature;
    }
}
