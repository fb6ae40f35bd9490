namespace SmbSyncCluster.Smb.Auth.Spnego;

/// <summary>
/// NegTokenResp (RFC 4178 4.2.2): every SPNEGO token after the first, in both directions.
/// <c>[1] SEQUENCE { [0] negState, [1] supportedMech, [2] responseToken, [3] mechListMIC }</c>, all optional.
/// </summary>
internal sealed class NegTokenResp
{
    private const int NegStateField = 0;
    private const int SupportedMechField = 1;
    private const int ResponseTokenField = 2;
    private const int MechListMicField = 3;

    public NegState? State { get; init; }

    /// <summary>The OID content bytes of the mechanism the server chose.</summary>
    public byte[]? SupportedMech { get; init; }

    public byte[]? ResponseToken { get; init; }

    public byte[]? MechListMic { get; init; }

    public byte[] Encode()
    {
        var fields = new List<byte[]>(4);
        if (State is { } state)
        {
            fields.Add(DerWriter.Constructed(DerTags.Context(NegStateField), DerWriter.Element(DerTags.Enumerated, [(byte)state])));
        }
        if (SupportedMech is not null)
        {
            fields.Add(DerWriter.Constructed(DerTags.Context(SupportedMechField), DerWriter.Element(DerTags.ObjectIdentifier, SupportedMech)));
        }
        if (ResponseToken is not null)
        {
            fields.Add(DerWriter.Constructed(DerTags.Context(ResponseTokenField), DerWriter.Element(DerTags.OctetString, ResponseToken)));
        }
        if (MechListMic is not null)
        {
            fields.Add(DerWriter.Constructed(DerTags.Context(MechListMicField), DerWriter.Element(DerTags.OctetString, MechListMic)));
        }
        return DerWriter.Constructed(DerTags.Context(1), DerWriter.Constructed(DerTags.Sequence, [.. fields]));
    }

    /// <exception cref="AuthenticationProtocolException">The token is not a well-formed NegTokenResp.</exception>
    public static NegTokenResp Parse(ReadOnlySpan<byte> token)
    {
        var outer = new DerReader(token);
        var choice = outer.Read(DerTags.Context(1));
        outer.EnsureEnd("NegTokenResp");
        var sequenceReader = new DerReader(choice);
        var sequence = sequenceReader.Read(DerTags.Sequence);
        sequenceReader.EnsureEnd("NegTokenResp sequence");

        NegState? state = null;
        byte[]? supportedMech = null, responseToken = null, mechListMic = null;
        var fields = new DerReader(sequence);
        var previousField = -1;
        while (fields.HasMore)
        {
            var field = fields.ReadAny(out var tag);
            var number = tag - DerTags.Context(0);
            if (number is < NegStateField or > MechListMicField || number <= previousField)
            {
                throw DerReader.Malformed($"unexpected or out-of-order NegTokenResp field tag 0x{tag:X2}");
            }
            previousField = number;

            var value = new DerReader(field);
            switch (number)
            {
                case NegStateField:
                    state = ParseNegState(value.Read(DerTags.Enumerated));
                    break;
                case SupportedMechField:
                    supportedMech = value.Read(DerTags.ObjectIdentifier).ToArray();
                    break;
                case ResponseTokenField:
                    responseToken = value.Read(DerTags.OctetString).ToArray();
                    break;
                default:
                    mechListMic = value.Read(DerTags.OctetString).ToArray();
                    break;
            }
            value.EnsureEnd("NegTokenResp field");
        }

        return new NegTokenResp
        {
            State = state,
            SupportedMech = supportedMech,
            ResponseToken = responseToken,
            MechListMic = mechListMic,
        };
    }

    private static NegState ParseNegState(ReadOnlySpan<byte> content)
    {
        if (content.Length != 1 || content[0] > (byte)NegState.RequestMic)
        {
            throw DerReader.Malformed("negState is not one of the four RFC 4178 values");
        }
        return (NegState)content[0];
    }
}
