using System.Security.Cryptography;
using System.Text;
using SmbSyncCluster.Smb.Crypto;

namespace SmbSyncCluster.Smb.Auth.Ntlm;

/// <summary>
/// The client's handling of a CHALLENGE_MESSAGE with NTLMv2 ([MS-NLMP] 3.1.5.1.2 and 3.3.2): the
/// responses, the key exchange and the MIC, packed into an AUTHENTICATE_MESSAGE.
/// </summary>
internal static class NtlmChallengeResponder
{
    private const int SessionKeySize = 16;

    /// <param name="credentials">Who to authenticate as.</param>
    /// <param name="workstation">The client's name, sent in AUTHENTICATE.</param>
    /// <param name="targetSpn">The SPN of the service the client means to reach, sent as MsvAvTargetName.</param>
    /// <param name="negotiateMessage">The NEGOTIATE sent earlier, covered by the MIC.</param>
    /// <param name="challengeMessage">The server's CHALLENGE exactly as received, covered by the MIC.</param>
    /// <param name="random">Returns that many random bytes (client challenge, random session key).</param>
    /// <param name="clock">The current time, used when the server sent no MsvAvTimestamp.</param>
    /// <exception cref="AuthenticationProtocolException">The challenge is malformed or unacceptable.</exception>
    public static NtlmChallengeResponse Respond(
        SmbCredentials credentials,
        string workstation,
        string targetSpn,
        ReadOnlySpan<byte> negotiateMessage,
        ReadOnlySpan<byte> challengeMessage,
        Func<int, byte[]> random,
        Func<DateTime> clock)
    {
        var challenge = NtlmChallengeMessage.Parse(challengeMessage);
        if (!challenge.Flags.HasFlag(NtlmNegotiateFlags.Unicode))
        {
            throw new AuthenticationProtocolException("The server's NTLM CHALLENGE did not accept Unicode, the only encoding this client speaks.");
        }
        // [MS-NLMP] 3.1.5.1.2: the client keeps the features the server granted out of those it asked for.
        var flags = challenge.Flags & NtlmNegotiateMessage.ClientFlags;
        return credentials.IsAnonymous
            ? RespondAnonymously(workstation, flags)
            : RespondAsUser(credentials, workstation, targetSpn, negotiateMessage, challengeMessage, challenge, flags, random, clock);
    }

    /// <summary>
    /// [MS-NLMP] 3.2.5.1.2 / 3.3.2 anonymous form: empty NT response, LM response Z(1), ANONYMOUS flag. There
    /// is no shared secret, so no key exchange and no MIC; the session key is Z(16) and must not be used
    /// to sign (SMB does not sign anonymous sessions).
    /// </summary>
    private static NtlmChallengeResponse RespondAnonymously(string workstation, NtlmNegotiateFlags flags)
    {
        flags = (flags | NtlmNegotiateFlags.Anonymous) & ~NtlmNegotiateFlags.KeyExchange;
        var message = new NtlmAuthenticateMessage
        {
            Flags = flags,
            LmChallengeResponse = [0],
            NtChallengeResponse = [],
            DomainName = [],
            UserName = [],
            Workstation = Encoding.Unicode.GetBytes(workstation),
            EncryptedRandomSessionKey = [],
            HasMicField = false,
        };
        return new NtlmChallengeResponse
        {
            AuthenticateMessage = message.Encode(),
            ExportedSessionKey = new byte[SessionKeySize],
            Flags = flags,
            HasMic = false,
            IsAnonymous = true,
        };
    }

    private static NtlmChallengeResponse RespondAsUser(
        SmbCredentials credentials,
        string workstation,
        string targetSpn,
        ReadOnlySpan<byte> negotiateMessage,
        ReadOnlySpan<byte> challengeMessage,
        NtlmChallengeMessage challenge,
        NtlmNegotiateFlags flags,
        Func<int, byte[]> random,
        Func<DateTime> clock)
    {
        // Signing the mechListMIC needs the extended-session-security keys; every NTLMv2 server grants it.
        if (!flags.HasFlag(NtlmNegotiateFlags.ExtendedSessionSecurity))
        {
            throw new AuthenticationProtocolException("The server's NTLM CHALLENGE refused extended session security.");
        }

        var responseKey = NtlmV2.NtOwfV2(credentials.Password, credentials.UserName, credentials.Domain);
        var clientChallenge = RandomBytes(random, NtlmV2.ChallengeSize);

        // [MS-NLMP] 3.1.5.1.2: with a server timestamp, use it, send a MIC (announced in MsvAvFlags) and
        // send Z(24) instead of the LMv2 response.
        var serverTime = AvPairList.FindTimestamp(challenge.TargetInfo);
        var hasMic = serverTime is not null;
        var time = serverTime ?? clock().ToFileTimeUtc();
        var targetInfo = AvPairList.ForAuthenticate(challenge.TargetInfo, hasMic, targetSpn);

        var blob = NtlmV2.ClientBlob(time, clientChallenge, AvPairList.Encode(targetInfo));
        if (NtlmV2.ProofSize + blob.Length > ushort.MaxValue)
        {
            // The NT response echoes the server's TargetInfo; a huge one cannot fit a 16-bit length.
            throw new AuthenticationProtocolException($"The server's NTLM TargetInfo is too large to echo back ({blob.Length} bytes).");
        }
        var ntProofStr = NtlmV2.NtProofStr(responseKey, challenge.ServerChallenge, blob);
        var lmResponse = hasMic ? new byte[24] : NtlmV2.LmV2Response(responseKey, challenge.ServerChallenge, clientChallenge);
        var keyExchangeKey = NtlmV2.SessionBaseKey(responseKey, ntProofStr);
        CryptographicOperations.ZeroMemory(responseKey);

        // [MS-NLMP] 3.1.5.1.2: with KEY_EXCH the exported key is fresh randomness sent RC4-encrypted under
        // the KeyExchangeKey; otherwise it is the KeyExchangeKey itself.
        byte[] exportedSessionKey;
        byte[] encryptedRandomSessionKey;
        if (flags.HasFlag(NtlmNegotiateFlags.KeyExchange))
        {
            exportedSessionKey = RandomBytes(random, SessionKeySize);
            encryptedRandomSessionKey = Rc4.Transform(keyExchangeKey, exportedSessionKey);
            CryptographicOperations.ZeroMemory(keyExchangeKey);
        }
        else
        {
            exportedSessionKey = keyExchangeKey;
            encryptedRandomSessionKey = [];
        }

        var message = new NtlmAuthenticateMessage
        {
            Flags = flags,
            LmChallengeResponse = lmResponse,
            NtChallengeResponse = [.. ntProofStr, .. blob],
            DomainName = Encoding.Unicode.GetBytes(credentials.Domain),
            UserName = Encoding.Unicode.GetBytes(credentials.UserName),
            Workstation = Encoding.Unicode.GetBytes(workstation),
            EncryptedRandomSessionKey = encryptedRandomSessionKey,
            HasMicField = hasMic,
        }.Encode();

        if (hasMic)
        {
            // MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with a zero MIC field).
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.MD5, exportedSessionKey);
            hmac.AppendData(negotiateMessage);
            hmac.AppendData(challengeMessage);
            hmac.AppendData(message);
            hmac.GetHashAndReset(message.AsSpan(NtlmAuthenticateMessage.MicOffset, NtlmAuthenticateMessage.MicSize));
        }

        return new NtlmChallengeResponse
        {
            AuthenticateMessage = message,
            ExportedSessionKey = exportedSessionKey,
            Flags = flags,
            HasMic = hasMic,
            IsAnonymous = false,
        };
    }

    private static byte[] RandomBytes(Func<int, byte[]> random, int count)
    {
        var bytes = random(count);
        if (bytes.Length != count)
        {
            throw new InvalidOperationException($"The random source returned {bytes.Length} bytes instead of {count}.");
        }
        return bytes;
    }
}
