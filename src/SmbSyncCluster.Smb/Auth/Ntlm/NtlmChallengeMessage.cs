using System.Buffers.Binary;

namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>The server's CHALLENGE_MESSAGE ([MS-NLMP] 2.2.1.2), parsed with every field bounds-checked.</summary>
internal sealed class NtlmChallengeMessage
{
    // Signature, MessageType, TargetNameFields, NegotiateFlags, ServerChallenge, Reserved, TargetInfoFields;
    // the Version that may follow is informational and not needed.
    private const int FixedSize = 48;
    private const int TargetNameFieldsOffset = 12;
    private const int FlagsOffset = 20;
    private const int ServerChallengeOffset = 24;
    private const int ServerChallengeSize = 8;
    private const int TargetInfoFieldsOffset = 40;

    private NtlmChallengeMessage(NtlmNegotiateFlags flags, byte[] serverChallenge, byte[] targetName, List<AvPair> targetInfo)
    {
        Flags = flags;
        ServerChallenge = serverChallenge;
        TargetName = targetName;
        TargetInfo = targetInfo;
    }

    public NtlmNegotiateFlags Flags { get; }

    public byte[] ServerChallenge { get; }

    /// <summary>The raw TargetName payload (UTF-16LE when Unicode was negotiated).</summary>
    public byte[] TargetName { get; }

    public IReadOnlyList<AvPair> TargetInfo { get; }

    /// <exception cref="AuthenticationProtocolException">The message is truncated, mistyped or points outside itself.</exception>
    public static NtlmChallengeMessage Parse(ReadOnlySpan<byte> message)
    {
        if (message.Length < FixedSize)
        {
            throw Malformed($"it is {message.Length} bytes, shorter than the {FixedSize}-byte fixed part");
        }
        if (!NtlmMessageFields.HasSignature(message))
        {
            throw Malformed("it does not start with the NTLMSSP signature");
        }
        var type = BinaryPrimitives.ReadInt32LittleEndian(message[8..]);
        if (type != NtlmMessageFields.ChallengeType)
        {
            throw Malformed($"its message type is {type}, not CHALLENGE ({NtlmMessageFields.ChallengeType})");
        }

        var flags = (NtlmNegotiateFlags)BinaryPrimitives.ReadUInt32LittleEndian(message[FlagsOffset..]);
        var serverChallenge = message.Slice(ServerChallengeOffset, ServerChallengeSize).ToArray();
        var targetName = NtlmMessageFields.ReadField(message, TargetNameFieldsOffset, "TargetName").ToArray();
        var targetInfoBytes = NtlmMessageFields.ReadField(message, TargetInfoFieldsOffset, "TargetInfo");
        // [MS-NLMP] 2.2.1.2: TargetInfoFields only mean something when NEGOTIATE_TARGET_INFO is set.
        var targetInfo = flags.HasFlag(NtlmNegotiateFlags.TargetInfo) ? AvPairList.Parse(targetInfoBytes) : [];
        return new NtlmChallengeMessage(flags, serverChallenge, targetName, targetInfo);
    }

    private static AuthenticationProtocolException Malformed(string detail) =>
        new($"Malformed NTLM CHALLENGE message from the server: {detail}.");
}
