using System.Buffers.Binary;

namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>The client's NEGOTIATE_MESSAGE ([MS-NLMP] 2.2.1.1).</summary>
internal static class NtlmNegotiateMessage
{
    /// <summary>
    /// What the client asks for: Unicode, NTLM with extended session security, 128-bit keys with key
    /// exchange, target info for NTLMv2, and signing/sealing capability so the session key is usable.
    /// </summary>
    public const NtlmNegotiateFlags ClientFlags =
        NtlmNegotiateFlags.Unicode
        | NtlmNegotiateFlags.RequestTarget
        | NtlmNegotiateFlags.Sign
        | NtlmNegotiateFlags.Seal
        | NtlmNegotiateFlags.Ntlm
        | NtlmNegotiateFlags.AlwaysSign
        | NtlmNegotiateFlags.ExtendedSessionSecurity
        | NtlmNegotiateFlags.TargetInfo
        | NtlmNegotiateFlags.Version
        | NtlmNegotiateFlags.Negotiate128
        | NtlmNegotiateFlags.KeyExchange
        | NtlmNegotiateFlags.Negotiate56;

    // Signature, MessageType, NegotiateFlags, DomainNameFields, WorkstationFields, Version.
    private const int Size = 8 + 4 + 4 + 8 + 8 + NtlmVersion.Size;
    private const int FlagsOffset = 12;
    private const int VersionOffset = 32;

    /// <summary>
    /// The message with no domain or workstation supplied (their fields stay zero, as Windows sends them):
    /// the client names itself in AUTHENTICATE instead.
    /// </summary>
    public static byte[] Encode()
    {
        var message = new byte[Size];
        NtlmMessageFields.WriteHeader(message, NtlmMessageFields.NegotiateType);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(FlagsOffset), (uint)ClientFlags);
        NtlmVersion.Write(message.AsSpan(VersionOffset));
        return message;
    }
}
