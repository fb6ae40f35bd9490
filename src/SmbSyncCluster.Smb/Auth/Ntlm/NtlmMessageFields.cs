using System.Buffers.Binary;

namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>
/// What all NTLM messages share ([MS-NLMP] 2.2.1): the "NTLMSSP\0" signature, the message type, and
/// payload fields described by an 8-byte (Len, MaxLen, BufferOffset) triple pointing into the message.
/// </summary>
internal static class NtlmMessageFields
{
    public const int NegotiateType = 1;
    public const int ChallengeType = 2;
    public const int AuthenticateType = 3;

    public static ReadOnlySpan<byte> Signature => "NTLMSSP\0"u8;

    public static bool HasSignature(ReadOnlySpan<byte> token) => token.StartsWith(Signature);

    /// <summary>Writes the signature and message type at the start of <paramref name="message"/>.</summary>
    public static void WriteHeader(Span<byte> message, int messageType)
    {
        Signature.CopyTo(message);
        BinaryPrimitives.WriteInt32LittleEndian(message[8..], messageType);
    }

    /// <summary>Writes a Len/MaxLen/BufferOffset triple at <paramref name="fieldOffset"/>.</summary>
    public static void WriteField(Span<byte> message, int fieldOffset, int length, int bufferOffset)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(message[fieldOffset..], checked((ushort)length));
        BinaryPrimitives.WriteUInt16LittleEndian(message[(fieldOffset + 2)..], checked((ushort)length));
        BinaryPrimitives.WriteInt32LittleEndian(message[(fieldOffset + 4)..], bufferOffset);
    }

    /// <summary>
    /// The payload the triple at <paramref name="fieldOffset"/> describes, after checking it lies inside
    /// the message. MaxLen is ignored, as [MS-NLMP] 2.2.1 allows.
    /// </summary>
    /// <exception cref="AuthenticationProtocolException">The field points outside the message.</exception>
    public static ReadOnlySpan<byte> ReadField(ReadOnlySpan<byte> message, int fieldOffset, string fieldName)
    {
        int length = BinaryPrimitives.ReadUInt16LittleEndian(message[fieldOffset..]);
        if (length == 0)
        {
            return [];
        }
        var bufferOffset = BinaryPrimitives.ReadUInt32LittleEndian(message[(fieldOffset + 4)..]);
        if (bufferOffset > (uint)message.Length || length > message.Length - (int)bufferOffset)
        {
            throw new AuthenticationProtocolException(
                $"Malformed NTLM message from the server: {fieldName} ({length} bytes at offset {bufferOffset}) lies outside the {message.Length}-byte message.");
        }
        return message.Slice((int)bufferOffset, length);
    }
}
