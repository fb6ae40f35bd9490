using System.Security.Cryptography;
using SmbSyncCluster.Smb.Auth.Ntlm;
using SmbSyncCluster.Smb.Auth.Spnego;

namespace SmbSyncCluster.Smb.Auth;

/// <summary>
/// NTLMv2 ([MS-NLMP]) wrapped in SPNEGO ([MS-SPNG], RFC 4178), the way Windows clients authenticate an
/// SMB2 session without Kerberos: NegTokenInit(NEGOTIATE), then NegTokenResp(AUTHENTICATE, mechListMIC),
/// then the server's accept-completed. A server that answers with a bare NTLMSSP CHALLENGE gets a bare
/// AUTHENTICATE back.
/// </summary>
/// <remarks>
/// Anonymous credentials produce the anonymous AUTHENTICATE ([MS-NLMP] 3.2.5.1.2); <see cref="SessionKey"/>
/// is then 16 zero bytes, as there is no shared secret to sign with.
/// </remarks>
internal sealed class NtlmAuthenticator : ISmbAuthenticator
{
    private readonly SmbCredentials _credentials;
    private readonly string _workstation;
    private readonly string _targetSpn;
    private readonly Func<int, byte[]> _random;
    private readonly Func<DateTime> _clock;
    private readonly byte[] _mechTypeList = SpnegoOids.NtlmMechTypeList();
    private NtlmAuthenticatorStage _stage = NtlmAuthenticatorStage.Start;
    private byte[] _negotiateMessage = [];
    private NtlmChallengeResponse? _response;

    public NtlmAuthenticator(SmbCredentials credentials, string workstation, string targetSpn)
        : this(credentials, workstation, targetSpn, RandomNumberGenerator.GetBytes, () => DateTime.UtcNow)
    {
    }

    /// <param name="credentials">Who to authenticate as.</param>
    /// <param name="workstation">The client's NetBIOS name, sent in AUTHENTICATE.</param>
    /// <param name="targetSpn">The SPN of the service meant (<c>cifs/host</c>), sent as MsvAvTargetName.</param>
    /// <param name="random">Source of the client challenge and the random session key; tests make it fixed.</param>
    /// <param name="clock">Time for the NTLMv2 blob when the server sends no timestamp.</param>
    internal NtlmAuthenticator(SmbCredentials credentials, string workstation, string targetSpn, Func<int, byte[]> random, Func<DateTime> clock)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(workstation);
        ArgumentException.ThrowIfNullOrEmpty(targetSpn);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(clock);
        _credentials = credentials;
        _workstation = workstation;
        _targetSpn = targetSpn;
        _random = random;
        _clock = clock;
    }

    public bool IsComplete => _stage == NtlmAuthenticatorStage.Complete;

    public byte[] SessionKey
    {
        get
        {
            ThrowIfDisposed();
            if (_stage != NtlmAuthenticatorStage.Complete || _response is null)
            {
                throw new InvalidOperationException("The session key exists only once authentication is complete.");
            }
            return _response.ExportedSessionKey.ToArray();
        }
    }

    /// <summary>Whether the server spoke SPNEGO (false once it answered with a bare NTLMSSP message).</summary>
    internal bool UsesSpnego { get; private set; } = true;

    public byte[] Step(ReadOnlySpan<byte> serverToken)
    {
        ThrowIfDisposed();
        switch (_stage)
        {
            case NtlmAuthenticatorStage.Start:
                // Any server token here is the NegTokenInit2 hint from NEGOTIATE; we offer NTLM alone anyway.
                _negotiateMessage = NtlmNegotiateMessage.Encode();
                _stage = NtlmAuthenticatorStage.NegotiateSent;
                return NegTokenInit.Encode(_mechTypeList, _negotiateMessage);
            case NtlmAuthenticatorStage.NegotiateSent:
                try
                {
                    return AnswerChallenge(serverToken);
                }
                catch (AuthenticationProtocolException)
                {
                    _stage = NtlmAuthenticatorStage.Failed;
                    throw;
                }
            case NtlmAuthenticatorStage.AuthenticateSent:
                Complete(serverToken, admittedAsGuest: false);
                return [];
            case NtlmAuthenticatorStage.Complete:
                throw new InvalidOperationException("Authentication is complete; there is no further token to send.");
            default:
                throw new InvalidOperationException("Authentication already failed.");
        }
    }

    public void Complete(ReadOnlySpan<byte> finalServerToken, bool admittedAsGuest)
    {
        ThrowIfDisposed();
        switch (_stage)
        {
            case NtlmAuthenticatorStage.AuthenticateSent:
                try
                {
                    AcceptFinalToken(finalServerToken, admittedAsGuest);
                }
                catch (AuthenticationProtocolException)
                {
                    _stage = NtlmAuthenticatorStage.Failed;
                    throw;
                }
                _stage = NtlmAuthenticatorStage.Complete;
                return;
            case NtlmAuthenticatorStage.Complete:
                return;
            case NtlmAuthenticatorStage.NegotiateSent:
                _stage = NtlmAuthenticatorStage.Failed;
                throw new AuthenticationProtocolException("The server completed the session setup before NTLM authentication was done.");
            case NtlmAuthenticatorStage.Start:
                throw new InvalidOperationException("Complete was called before the first Step.");
            default:
                throw new InvalidOperationException("Authentication already failed.");
        }
    }

    public void Dispose()
    {
        if (_response is not null)
        {
            CryptographicOperations.ZeroMemory(_response.ExportedSessionKey);
        }
        _stage = NtlmAuthenticatorStage.Disposed;
    }

    private byte[] AnswerChallenge(ReadOnlySpan<byte> serverToken)
    {
        if (serverToken.IsEmpty)
        {
            throw new AuthenticationProtocolException("The server sent no security token where the NTLM CHALLENGE belongs.");
        }

        ReadOnlySpan<byte> challenge;
        if (NtlmMessageFields.HasSignature(serverToken))
        {
            UsesSpnego = false;
            challenge = serverToken;
        }
        else
        {
            var reply = NegTokenResp.Parse(serverToken);
            // RFC 4178 4.2.2: the first reply must keep the negotiation going with the mechanism we offered.
            if (reply.State is NegState.Reject)
            {
                throw new AuthenticationProtocolException("The server rejected NTLM authentication (SPNEGO reject).");
            }
            if (reply.State is NegState.AcceptCompleted)
            {
                throw new AuthenticationProtocolException("The server declared SPNEGO complete before NTLM authentication was done.");
            }
            if (reply.SupportedMech is not null && !reply.SupportedMech.AsSpan().SequenceEqual(SpnegoOids.Ntlmssp))
            {
                throw new AuthenticationProtocolException("The server chose a SPNEGO mechanism other than the NTLMSSP this client offered.");
            }
            challenge = reply.ResponseToken ?? throw new AuthenticationProtocolException("The server's SPNEGO reply carries no NTLM CHALLENGE.");
        }

        var response = NtlmChallengeResponder.Respond(_credentials, _workstation, _targetSpn, _negotiateMessage, challenge, _random, _clock);
        _response = response;
        _stage = NtlmAuthenticatorStage.AuthenticateSent;
        if (!UsesSpnego)
        {
            return response.AuthenticateMessage;
        }
        // With a MIC in AUTHENTICATE the exchange follows the "new" SPNEGO semantics ([MS-SPNG] 3.1.5.1):
        // both sides protect the offered mechanism list with an NTLM signature.
        return new NegTokenResp
        {
            State = NegState.AcceptIncomplete,
            ResponseToken = response.AuthenticateMessage,
            MechListMic = response.HasMic
                ? NtlmSignature.ComputeFirst(response.ExportedSessionKey, response.Flags, NtlmDirection.ClientToServer, _mechTypeList)
                : null,
        }.Encode();
    }

    /// <summary>
    /// A non-empty final token must complete the negotiation, and a server mechListMIC must verify under
    /// the server-to-client keys. Once this client sent a mechListMIC, the server must answer with its own
    /// ([MS-SPNG] 3.1.5.1, RFC 4178 5), in an empty token or not: without it nothing proves the mechanism
    /// list reached the server unchanged, or that the server holds the session key. Only a session the
    /// server admitted as guest or null is excused: the server has no key to sign with, and the session is
    /// refused unless guest access was allowed, and runs unsigned if it was.
    /// </summary>
    private void AcceptFinalToken(ReadOnlySpan<byte> token, bool admittedAsGuest)
    {
        var response = _response!;
        var mechListMic = token.IsEmpty ? null : CompletingReply(token).MechListMic;
        if (mechListMic is null)
        {
            if (UsesSpnego && response.HasMic && !admittedAsGuest)
            {
                throw new AuthenticationProtocolException("The server sent no SPNEGO mechListMIC although this client sent one: the negotiation may have been tampered with.");
            }
            return;
        }
        if (!response.IsAnonymous)
        {
            var expected = NtlmSignature.ComputeFirst(response.ExportedSessionKey, response.Flags, NtlmDirection.ServerToClient, _mechTypeList);
            if (!CryptographicOperations.FixedTimeEquals(expected, mechListMic))
            {
                throw new AuthenticationProtocolException("The server's SPNEGO mechListMIC does not verify: the negotiation may have been tampered with.");
            }
        }
    }

    /// <summary>The final NegTokenResp, which must complete the negotiation (NTLM has no fourth message).</summary>
    private static NegTokenResp CompletingReply(ReadOnlySpan<byte> token)
    {
        var reply = NegTokenResp.Parse(token);
        return reply.State switch
        {
            null or NegState.AcceptCompleted => reply,
            NegState.Reject => throw new AuthenticationProtocolException("The server rejected the NTLM authentication (SPNEGO reject)."),
            _ => throw new AuthenticationProtocolException($"The server's final SPNEGO state is {reply.State}, but NTLM has nothing more to send."),
        };
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_stage == NtlmAuthenticatorStage.Disposed, this);
}
