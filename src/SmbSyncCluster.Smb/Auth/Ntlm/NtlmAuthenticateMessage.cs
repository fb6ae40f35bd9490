using System.Buffers.Binary;

namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>The client's AUTHENTICATE_MESSAGE ([MS-NLMP] 2.2.1.3).</summary>
internal sealed class NtlmAuthenticateMessage
{
    /// <summary>Where the MIC sits when present: right after the Version field.</summary>
    public const int MicOffset = 72;

    public const int MicSize = 16;

    private const int LmResponseFieldsOffset = 12;
    private const int NtResponseFieldsOffset = 20;
    private const int DomainNameFieldsOffset = 28;
    private const int UserNameFieldsOffset = 36;
    private const int WorkstationFieldsOffset = 44;
    private const int SessionKeyFieldsOffset = 52;
    private const int FlagsOffset = 60;
    private const int VersionOffset = 64;

    public required NtlmNegotiateFlags Flags { get; init; }

    public required byte[] LmChallengeResponse { get; init; }

    public required byte[] NtChallengeResponse { get; init; }

    /// <summary>The domain, user and workstation names, already UTF-16LE.</summary>
    public required byte[] DomainName { get; init; }

    public required byte[] UserName { get; init; }

    public required byte[] Workstation { get; init; }

    public required byte[] EncryptedRandomSessionKey { get; init; }

    /// <summary>
    /// Whether to reserve the 16-byte MIC field (left zero here, filled in once the MIC over all three
    /// messages is known). Without it the payload starts right after Version, as in [MS-NLMP] 4.2.4.3.
    /// </summary>
    public required bool HasMicField { get; init; }

    public byte[] Encode()
    {
        var payloadOffset = MicOffset + (HasMicField ? MicSize : 0);
        var size = payloadOffset + DomainName.Length + UserName.Length + Workstation.Length
            + LmChallengeResponse.Length + NtChallengeResponse.Length + EncryptedRandomSessionKey.Length;
        var message = new byte[size];
        NtlmMessageFields.WriteHeader(message, NtlmMessageFields.AuthenticateType);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(FlagsOffset), (uint)Flags);
        // [MS-NLMP] 2.2.1.3: Version is filled in only when NEGOTIATE_VERSION was negotiated, else zero.
        if (Flags.HasFlag(NtlmNegotiateFlags.Version))
        {
            NtlmVersion.Write(message.AsSpan(VersionOffset));
        }

        // Payload order as Windows lays it out: names first, then responses, then the key.
        var offset = payloadOffset;
        offset = Append(message, DomainNameFieldsOffset, DomainName, offset);
        offset = Append(message, UserNameFieldsOffset, UserName, offset);
        offset = Append(message, WorkstationFieldsOffset, Workstation, offset);
        offset = Append(message, LmResponseFieldsOffset, LmChallengeResponse, offset);
        offset = Append(message, NtResponseFieldsOffset, NtChallengeResponse, offset);
        Append(message, SessionKeyFieldsOffset, EncryptedRandomSessionKey, offset);
        return message;
    }

    private static int Append(byte[] message, int fieldOffset, byte[] payload, int bufferOffset)
    {
        NtlmMessageFields.WriteField(message, fieldOffset, payload.Length, bufferOffset);
        payload.CopyTo(message, bufferOffset);
        return bufferOffset + payload.Length;
    }
}
