using System.Buffers.Binary;
using System.Text;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Auth.Ntlm;
using SmbSyncCluster.Smb.Auth.Spnego;

namespace SmbSyncCluster.Smb.Tests.Auth;

public sealed class NtlmAuthenticatorTests
{
    private static readonly SmbCredentials SpecUser = new(MsNlmpVectors.Domain, MsNlmpVectors.User, MsNlmpVectors.Password);
    private const string SpecSpn = "cifs/Server";
    private static readonly byte[] MechTypes = SpnegoOids.NtlmMechTypeList();
    private static readonly AvPair ZeroChannelBindings = new(AvPairId.ChannelBindings, new byte[16]);

    [Fact]
    public void The_first_token_is_a_NegTokenInit_offering_NTLM_with_its_NEGOTIATE()
    {
        using var auth = SpecAuthenticator(SpecUser);

        var token = auth.Step([]);

        var negotiate = NtlmNegotiateMessage.Encode();
        Assert.Equal(NegTokenInit.Encode(MechTypes, negotiate), token);
        Assert.Equal("NTLMSSP\0"u8.ToArray(), negotiate[..8]);
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(negotiate.AsSpan(8)));
        Assert.Equal(NtlmNegotiateMessage.ClientFlags, (NtlmNegotiateFlags)BinaryPrimitives.ReadUInt32LittleEndian(negotiate.AsSpan(12)));
        Assert.False(auth.IsComplete);
    }

    [Fact]
    public void Answers_the_4_2_4_3_challenge_with_the_4_2_4_3_responses_over_the_server_pairs_and_its_own()
    {
        using var auth = SpecAuthenticator(SpecUser);
        var negotiate = auth.Step([])[^40..];

        // The spec's server answers with a bare CHALLENGE, so the AUTHENTICATE goes back bare too.
        var authenticate = auth.Step(MsNlmpVectors.ChallengeMessage);

        // 4.2.4.3 echoes the server's pairs alone; this client appends MsvAvChannelBindings and
        // MsvAvTargetName, so the NT response is the 4.2.4.2.2 computation over that longer list.
        var expected = MsNlmpVectors.AuthenticateMessage;
        Assert.False(auth.UsesSpnego);
        foreach (var field in new[] { 12, 28, 36, 44 }) // LMv2 response, domain, user, workstation
        {
            Assert.Equal(NtlmTestServer.Field(expected, field).ToArray(), NtlmTestServer.Field(authenticate, field).ToArray());
        }
        List<AvPair> pairs = [.. AvPairList.Parse(MsNlmpVectors.TargetInfo), ZeroChannelBindings, TargetName(SpecSpn)];
        var blob = NtlmV2.ClientBlob(0, MsNlmpVectors.ClientChallenge, AvPairList.Encode(pairs));
        var nt = NtlmTestServer.Field(authenticate, 20);
        Assert.Equal(blob, nt[16..].ToArray());
        Assert.Equal(NtlmV2.NtProofStr(MsNlmpVectors.NtOwfV2, MsNlmpVectors.ServerChallenge, blob), nt[..16].ToArray());
        Assert.Equal(MsNlmpVectors.RandomSessionKey, NtlmTestServer.Verify(negotiate, MsNlmpVectors.ChallengeMessage, authenticate, MsNlmpVectors.User, MsNlmpVectors.Domain, MsNlmpVectors.Password));
        Assert.Equal(NtlmNegotiateMessage.ClientFlags & (NtlmNegotiateFlags)MsNlmpVectors.ChallengeFlags, NtlmTestServer.Flags(authenticate));
        Assert.False(auth.IsComplete);
        Assert.Throws<InvalidOperationException>(() => auth.SessionKey);

        auth.Complete([], admittedAsGuest: false);

        Assert.True(auth.IsComplete);
        Assert.Equal(MsNlmpVectors.RandomSessionKey, auth.SessionKey);
    }

    [Fact]
    public void Names_the_target_service_and_announces_its_MIC_in_the_pairs_Windows_sends()
    {
        using var auth = new NtlmAuthenticator(SpecUser, "WS", "cifs/SUT311", n => new byte[n], () => DateTime.UnixEpoch);
        auth.Step([]);

        var authenticate = NegTokenResp.Parse(auth.Step(WindowsCapture.ServerChallengeToken)).ResponseToken!;

        // Windows also sends MsvAvSingleHost, which carries no protection this client needs.
        var windows = AvPairList.Parse(NtlmTestServer.Field(WindowsCapture.AuthenticateMessage, 20)[44..]).Where(p => p.Id != AvPairId.SingleHost);
        var ours = AvPairList.Parse(NtlmTestServer.Field(authenticate, 20)[44..]);
        Assert.Equal(windows.Select(p => (p.Id, Convert.ToHexString(p.Value))), ours.Select(p => (p.Id, Convert.ToHexString(p.Value))));
        Assert.Equal("cifs/SUT311", Encoding.Unicode.GetString(ours.Single(p => p.Id == AvPairId.TargetName).Value));
        Assert.Equal(AvPairList.MicPresentFlag, BinaryPrimitives.ReadUInt32LittleEndian(ours.Single(p => p.Id == AvPairId.Flags).Value));
    }

    [Fact]
    public void Client_only_pairs_planted_in_the_CHALLENGE_are_not_echoed()
    {
        using var auth = SpecAuthenticator(SpecUser);
        auth.Step([]);
        List<AvPair> planted =
        [
            TargetName("cifs/relayed-to"),
            new(AvPairId.ChannelBindings, [.. Enumerable.Repeat((byte)0xEE, 16)]),
            new(AvPairId.SingleHost, new byte[48]),
            new(AvPairId.Flags, [4, 0, 0, 0]),
        ];

        var authenticate = auth.Step(ChallengeWithTargetInfo(AvPairList.Encode(planted)));

        var pairs = AvPairList.Parse(NtlmTestServer.Field(authenticate, 20)[44..]);
        Assert.Equal(
            new[] { new AvPair(AvPairId.Flags, [4, 0, 0, 0]), ZeroChannelBindings, TargetName(SpecSpn) },
            pairs,
            (a, b) => a.Id == b.Id && a.Value.SequenceEqual(b.Value));
    }

    [Fact]
    public void Against_a_Windows_challenge_it_sends_a_MIC_and_a_mechListMIC_and_checks_the_server_one()
    {
        using var auth = SpecAuthenticator(SpecUser);
        var negotiate = auth.Step([])[^40..];

        var reply = NegTokenResp.Parse(auth.Step(WindowsCapture.ServerChallengeToken));

        var authenticate = reply.ResponseToken!;
        var flags = NtlmTestServer.Flags(authenticate);
        var exported = NtlmTestServer.Verify(negotiate, WindowsCapture.ChallengeMessage, authenticate, MsNlmpVectors.User, MsNlmpVectors.Domain, MsNlmpVectors.Password);
        Assert.Equal(MsNlmpVectors.RandomSessionKey, exported);
        Assert.Equal(NegState.AcceptIncomplete, reply.State);
        Assert.Equal(new byte[24], NtlmTestServer.Field(authenticate, 12).ToArray()); // LmChallengeResponse = Z(24)
        var blobPairs = AvPairList.Parse(NtlmTestServer.Field(authenticate, 20)[44..]);
        Assert.Contains(blobPairs, p => p.Id == AvPairId.Timestamp && p.Value.SequenceEqual(WindowsCapture.ChallengeMessage[^12..^4]));
        Assert.Contains(blobPairs, p => p.Id == AvPairId.Flags && BinaryPrimitives.ReadUInt32LittleEndian(p.Value) == AvPairList.MicPresentFlag);
        Assert.Equal(NtlmSignature.ComputeFirst(exported, flags, NtlmDirection.ClientToServer, MechTypes), reply.MechListMic);
        Assert.True(flags.HasFlag(NtlmNegotiateFlags.KeyExchange));

        auth.Complete(ServerFinal(exported, flags), admittedAsGuest: false);

        Assert.True(auth.IsComplete);
        Assert.Equal(MsNlmpVectors.RandomSessionKey, auth.SessionKey);
    }

    [Fact]
    public void With_real_randomness_and_clock_a_server_verifies_everything_it_gets()
    {
        using var auth = new NtlmAuthenticator(new SmbCredentials("WORKGROUP", "smbsynctest", "Test-Pa55word!"), "CLIENT1", "cifs/server1");
        var negotiate = auth.Step([])[^40..];

        var authenticate = NegTokenResp.Parse(auth.Step(WindowsCapture.ServerChallengeToken)).ResponseToken!;
        var exported = NtlmTestServer.Verify(negotiate, WindowsCapture.ChallengeMessage, authenticate, "smbsynctest", "WORKGROUP", "Test-Pa55word!");
        Assert.Empty(auth.Step(ServerFinal(exported, NtlmTestServer.Flags(authenticate))));

        Assert.True(auth.IsComplete);
        Assert.Equal(exported, auth.SessionKey);
        Assert.Equal("CLIENT1", Encoding.Unicode.GetString(NtlmTestServer.Field(authenticate, 44)));
    }

    [Fact]
    public void Without_a_server_timestamp_it_uses_its_clock_and_sends_no_MIC()
    {
        var now = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        using var auth = new NtlmAuthenticator(SpecUser, "WS", "cifs/server1", n => new byte[n], () => now);
        auth.Step([]);

        var reply = NegTokenResp.Parse(auth.Step(new NegTokenResp
        {
            State = NegState.AcceptIncomplete,
            SupportedMech = SpnegoOids.Ntlmssp.ToArray(),
            ResponseToken = MsNlmpVectors.ChallengeMessage,
        }.Encode()));

        Assert.Null(reply.MechListMic);
        var nt = NtlmTestServer.Field(reply.ResponseToken, 20);
        Assert.Equal(now.ToFileTimeUtc(), BinaryPrimitives.ReadInt64LittleEndian(nt[24..]));
        Assert.DoesNotContain(AvPairList.Parse(nt[44..]), p => p.Id == AvPairId.Flags);
        Assert.Equal(24, NtlmTestServer.Field(reply.ResponseToken, 12).Length); // LMv2, not Z(24)
    }

    [Fact]
    public void Anonymous_sends_the_anonymous_AUTHENTICATE_and_ends_with_a_zero_key()
    {
        using var auth = SpecAuthenticator(SmbCredentials.Anonymous);
        auth.Step([]);

        var reply = NegTokenResp.Parse(auth.Step(WindowsCapture.ServerChallengeToken));

        var authenticate = reply.ResponseToken!;
        var flags = NtlmTestServer.Flags(authenticate);
        Assert.Equal([0], NtlmTestServer.Field(authenticate, 12).ToArray());
        Assert.Equal(0, NtlmTestServer.Field(authenticate, 20).Length);
        Assert.Equal(0, NtlmTestServer.Field(authenticate, 36).Length);
        Assert.Equal(0, NtlmTestServer.Field(authenticate, 52).Length);
        Assert.True(flags.HasFlag(NtlmNegotiateFlags.Anonymous));
        Assert.False(flags.HasFlag(NtlmNegotiateFlags.KeyExchange));
        Assert.Null(reply.MechListMic);

        auth.Complete(new NegTokenResp { State = NegState.AcceptCompleted }.Encode(), admittedAsGuest: false);

        Assert.Equal(new byte[16], auth.SessionKey);
    }

    [Fact]
    public void A_forged_server_mechListMIC_fails_and_leaves_the_authenticator_failed()
    {
        using var auth = SpecAuthenticator(SpecUser);
        auth.Step([]);
        auth.Step(WindowsCapture.ServerChallengeToken);

        Assert.Throws<AuthenticationProtocolException>(() => auth.Complete(WindowsCapture.ServerFinalToken, admittedAsGuest: false));

        Assert.False(auth.IsComplete);
        Assert.Throws<InvalidOperationException>(() => auth.SessionKey);
        Assert.Throws<InvalidOperationException>(() => auth.Complete([], admittedAsGuest: false));
    }

    [Fact]
    public void Completing_twice_is_harmless()
    {
        using var auth = SpecAuthenticator(SpecUser);
        auth.Step([]);
        auth.Step(MsNlmpVectors.ChallengeMessage);

        Assert.Empty(auth.Step([]));
        auth.Complete([], admittedAsGuest: false);

        Assert.True(auth.IsComplete);
        Assert.Throws<InvalidOperationException>(() => auth.Step([]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_missing_server_mechListMIC_after_ours_is_a_protocol_error(bool emptyToken)
    {
        using var auth = SpecAuthenticator(SpecUser);
        auth.Step([]);
        Assert.NotNull(NegTokenResp.Parse(auth.Step(WindowsCapture.ServerChallengeToken)).MechListMic);
        byte[] final = emptyToken ? [] : new NegTokenResp { State = NegState.AcceptCompleted }.Encode();

        var error = Assert.Throws<AuthenticationProtocolException>(() => auth.Complete(final, admittedAsGuest: false));

        Assert.Contains("mechListMIC", error.Message);
        Assert.False(auth.IsComplete);
        Assert.Throws<InvalidOperationException>(() => auth.SessionKey);
    }

    [Fact]
    public void A_session_admitted_as_guest_owes_no_mechListMIC_but_a_forged_one_still_fails()
    {
        using var guest = SpecAuthenticator(SpecUser);
        guest.Step([]);
        guest.Step(WindowsCapture.ServerChallengeToken);
        using var forged = SpecAuthenticator(SpecUser);
        forged.Step([]);
        forged.Step(WindowsCapture.ServerChallengeToken);

        guest.Complete(new NegTokenResp { State = NegState.AcceptCompleted }.Encode(), admittedAsGuest: true);

        Assert.True(guest.IsComplete);
        Assert.Throws<AuthenticationProtocolException>(() => forged.Complete(WindowsCapture.ServerFinalToken, admittedAsGuest: true));
    }

    [Fact]
    public void Without_a_MIC_of_its_own_it_owes_the_server_no_mechListMIC_check()
    {
        using var auth = SpecAuthenticator(SpecUser);
        auth.Step([]);
        var reply = NegTokenResp.Parse(auth.Step(new NegTokenResp
        {
            State = NegState.AcceptIncomplete,
            SupportedMech = SpnegoOids.Ntlmssp.ToArray(),
            ResponseToken = MsNlmpVectors.ChallengeMessage, // no MsvAvTimestamp, so no MIC
        }.Encode()));
        Assert.Null(reply.MechListMic);

        auth.Complete(new NegTokenResp { State = NegState.AcceptCompleted }.Encode(), admittedAsGuest: false);

        Assert.True(auth.IsComplete);
    }

    public static TheoryData<string, byte[]> BadFirstReplies() => new()
    {
        { "empty", [] },
        { "reject", new NegTokenResp { State = NegState.Reject }.Encode() },
        { "completed already", new NegTokenResp { State = NegState.AcceptCompleted, ResponseToken = MsNlmpVectors.ChallengeMessage }.Encode() },
        { "no challenge", new NegTokenResp { State = NegState.AcceptIncomplete, SupportedMech = SpnegoOids.Ntlmssp.ToArray() }.Encode() },
        { "Kerberos chosen", new NegTokenResp { State = NegState.AcceptIncomplete, SupportedMech = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x12, 0x01, 0x02, 0x02], ResponseToken = MsNlmpVectors.ChallengeMessage }.Encode() },
        { "no Unicode", WithChallengeFlags(f => f & ~NtlmNegotiateFlags.Unicode) },
        { "no extended session security", WithChallengeFlags(f => f & ~NtlmNegotiateFlags.ExtendedSessionSecurity) },
        { "garbage", "not a token"u8.ToArray() },
        { "target info too big to echo", ChallengeWithTargetInfo([0x05, 0x00, 0xD4, 0xFF, .. new byte[0xFFD4], 0, 0, 0, 0]) },
    };

    [Theory]
    [MemberData(nameof(BadFirstReplies))]
    public void A_bad_first_reply_is_a_protocol_error(string why, byte[] reply)
    {
        using var auth = SpecAuthenticator(SpecUser);
        auth.Step([]);

        var error = Assert.Throws<AuthenticationProtocolException>(() => auth.Step(reply));

        Assert.False(string.IsNullOrEmpty(error.Message), why);
        Assert.Throws<InvalidOperationException>(() => auth.Step([]));
    }

    [Theory]
    [InlineData((int)NegState.Reject)]
    [InlineData((int)NegState.AcceptIncomplete)]
    [InlineData((int)NegState.RequestMic)]
    public void A_final_reply_that_does_not_complete_is_a_protocol_error(int state)
    {
        using var auth = SpecAuthenticator(SpecUser);
        auth.Step([]);
        auth.Step(WindowsCapture.ServerChallengeToken);

        Assert.Throws<AuthenticationProtocolException>(() => auth.Complete(new NegTokenResp { State = (NegState)state }.Encode(), admittedAsGuest: false));
    }

    [Fact]
    public void Success_before_the_challenge_is_a_protocol_error()
    {
        using var auth = SpecAuthenticator(SpecUser);
        auth.Step([]);

        Assert.Throws<AuthenticationProtocolException>(() => auth.Complete([], admittedAsGuest: false));
    }

    [Fact]
    public void Complete_before_the_first_step_is_a_usage_error()
    {
        using var auth = SpecAuthenticator(SpecUser);

        Assert.Throws<InvalidOperationException>(() => auth.Complete([], admittedAsGuest: false));
    }

    [Fact]
    public void A_disposed_authenticator_refuses_work()
    {
        var auth = SpecAuthenticator(SpecUser);
        auth.Dispose();

        Assert.Throws<ObjectDisposedException>(() => auth.Step([]));
    }

    internal static NtlmAuthenticator SpecAuthenticator(SmbCredentials credentials) =>
        new(credentials, MsNlmpVectors.Workstation, SpecSpn,
            n => n == 8 ? MsNlmpVectors.ClientChallenge : MsNlmpVectors.RandomSessionKey,
            () => DateTime.FromFileTimeUtc(0));

    private static byte[] ServerFinal(byte[] exportedSessionKey, NtlmNegotiateFlags flags) => new NegTokenResp
    {
        State = NegState.AcceptCompleted,
        MechListMic = NtlmSignature.ComputeFirst(exportedSessionKey, flags, NtlmDirection.ServerToClient, MechTypes),
    }.Encode();

    private static AvPair TargetName(string spn) => new(AvPairId.TargetName, Encoding.Unicode.GetBytes(spn));

    private static byte[] ChallengeWithTargetInfo(byte[] targetInfo)
    {
        var header = MsNlmpVectors.ChallengeMessage[..48];
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), 0); // no TargetName
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(40), (ushort)targetInfo.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(42), (ushort)targetInfo.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(44), header.Length);
        return [.. header, .. targetInfo];
    }

    private static byte[] WithChallengeFlags(Func<NtlmNegotiateFlags, NtlmNegotiateFlags> change)
    {
        var challenge = MsNlmpVectors.ChallengeMessage;
        var flags = (NtlmNegotiateFlags)BinaryPrimitives.ReadUInt32LittleEndian(challenge.AsSpan(20));
        BinaryPrimitives.WriteUInt32LittleEndian(challenge.AsSpan(20), (uint)change(flags));
        return challenge;
    }
}
