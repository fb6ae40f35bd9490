using System.Security.Cryptography;

namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>
/// SIGNKEY and SEALKEY with extended session security ([MS-NLMP] 3.4.5.2 and 3.4.5.3): MD5 of the
/// exported session key (shortened for weaker sealing) and a per-direction magic constant.
/// </summary>
internal static class NtlmSessionKeys
{
    // The magic constants include their terminating NUL.
    private static ReadOnlySpan<byte> ClientSigningMagic => "session key to client-to-server signing key magic constant\0"u8;
    private static ReadOnlySpan<byte> ServerSigningMagic => "session key to server-to-client signing key magic constant\0"u8;
    private static ReadOnlySpan<byte> ClientSealingMagic => "session key to client-to-server sealing key magic constant\0"u8;
    private static ReadOnlySpan<byte> ServerSealingMagic => "session key to server-to-client sealing key magic constant\0"u8;

    public static byte[] SigningKey(ReadOnlySpan<byte> exportedSessionKey, NtlmDirection direction) =>
        Md5Of(exportedSessionKey, direction == NtlmDirection.ClientToServer ? ClientSigningMagic : ServerSigningMagic);

    public static byte[] SealingKey(ReadOnlySpan<byte> exportedSessionKey, NtlmNegotiateFlags flags, NtlmDirection direction)
    {
        var keyLength = flags.HasFlag(NtlmNegotiateFlags.Negotiate128) ? 16
            : flags.HasFlag(NtlmNegotiateFlags.Negotiate56) ? 7
            : 5;
        return Md5Of(exportedSessionKey[..keyLength], direction == NtlmDirection.ClientToServer ? ClientSealingMagic : ServerSealingMagic);
    }

    private static byte[] Md5Of(ReadOnlySpan<byte> key, ReadOnlySpan<byte> magic)
    {
        var input = new byte[key.Length + magic.Length];
        key.CopyTo(input);
        magic.CopyTo(input.AsSpan(key.Length));
        var digest = MD5.HashData(input);
        CryptographicOperations.ZeroMemory(input);
        return digest;
    }
}
