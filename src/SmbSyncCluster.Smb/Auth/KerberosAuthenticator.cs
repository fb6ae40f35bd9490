using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SmbSyncCluster.Smb.Auth.Kerberos;
using SmbSyncCluster.Smb.Auth.Spnego;

namespace SmbSyncCluster.Smb.Auth;

/// <summary>
/// Kerberos 5 through GSS-API (MIT krb5), wrapped in SPNEGO: NegTokenInit(Kerberos only, AP-REQ), then the
/// server's accept-completed with the AP-REP, which GSS-API must accept as proof of the server's identity
/// (mutual authentication) before the session key is used. See <see cref="GssApi"/> for why GSS-API is
/// called directly.
/// </summary>
/// <remarks>
/// Everything is decided by what this client sent: only Kerberos was offered, so a reply naming another
/// mechanism is refused rather than followed, and a final reply without an AP-REP is refused, whatever state
/// it claims. The session key is the one <c>GSS_C_INQ_SSPI_SESSION_KEY</c> gives; [MS-SMB2] 3.2.5.3.1 uses its
/// first 16 bytes (zero-padded if shorter) and, for AES-256 ciphers, all of it (<c>SessionKeys.Derive</c>).
/// A connection costs only the KDC's exchanges beyond NTLM's (bench/README.md, <c>kerberos</c>).
/// </remarks>
internal sealed class KerberosAuthenticator : ISmbAuthenticator
{
    private readonly string? _principal;
    private readonly string? _password;
    private readonly string? _keytab;
    private readonly string _spn;
    private readonly byte[] _mechTypeList = SpnegoOids.KerberosMechTypeList();
    private GssCredential? _credential;
    private GssName? _target;
    private IntPtr _context;
    private bool _started;
    private bool _established;
    private bool _complete;
    private bool _disposed;
    private uint _flags;
    private byte[]? _sessionKey;

    /// <param name="principal">The client principal (<c>user@REALM</c>), or null for the ticket cache's default one.</param>
    /// <param name="password">The password to get a ticket with, or null to use a ticket cache or keytab.</param>
    /// <param name="keytab">A keytab file to get a ticket with, or null.</param>
    /// <param name="spn">The server's service principal, <c>cifs/host</c> with or without <c>@REALM</c>.</param>
    public KerberosAuthenticator(string? principal, string? password, string? keytab, string spn)
    {
        ArgumentException.ThrowIfNullOrEmpty(spn);
        _principal = principal;
        _password = password;
        _keytab = keytab;
        _spn = spn;
    }

    public bool IsComplete => _complete;

    public byte[] SessionKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _complete && _sessionKey is not null
                ? _sessionKey.ToArray()
                : throw new InvalidOperationException("The session key exists only once authentication is complete.");
        }
    }

    /// <summary>
    /// The first call gets the ticket (talking to the KDC) and returns the NegTokenInit with the AP-REQ; a
    /// <see cref="KerberosException"/> from it means nothing was sent yet. Later calls answer a server that
    /// wants another round.
    /// </summary>
    public byte[] Step(ReadOnlySpan<byte> serverToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_started)
        {
            try
            {
                _credential = GssCredential.Acquire(_principal, _password, _keytab, _spn);
            }
            catch (DllNotFoundException)
            {
                throw new KerberosException("Kerberos: MIT krb5's GSS-API library (libgssapi_krb5.so.2) is not installed; on Debian: apt-get install libgssapi-krb5-2");
            }
            _target = GssName.Import(_spn);
            var apReq = Continue([]);
            _started = true;
            return NegTokenInit.Encode(_mechTypeList, apReq);
        }
        if (_complete || _established)
        {
            throw new AuthenticationProtocolException("The server asks for another Kerberos round after the server's proof was accepted.");
        }
        var reply = Reply(serverToken);
        if (reply.State is NegState.AcceptCompleted)
        {
            throw new AuthenticationProtocolException("The server declared SPNEGO complete but still asks for more processing.");
        }
        var next = Continue(reply.ResponseToken ?? throw new AuthenticationProtocolException("The server's SPNEGO reply carries no Kerberos token."));
        return new NegTokenResp { ResponseToken = next }.Encode();
    }

    public void Complete(ReadOnlySpan<byte> finalServerToken, bool admittedAsGuest)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_complete)
        {
            return;
        }
        if (!_started)
        {
            throw new InvalidOperationException("Complete was called before the first Step.");
        }
        var reply = finalServerToken.IsEmpty ? null : Reply(finalServerToken);
        if (reply is { State: not (null or NegState.AcceptCompleted) })
        {
            throw new AuthenticationProtocolException($"The server's final SPNEGO state is {reply.State}, but the session setup succeeded.");
        }
        if (!_established)
        {
            // Without the AP-REP nothing proves the server holds the service key: it could be anyone.
            var apRep = reply?.ResponseToken
                ?? throw new AuthenticationProtocolException("The server sent no Kerberos AP-REP: it did not prove its identity (mutual authentication).");
            if (Continue(apRep).Length != 0 || !_established)
            {
                throw new AuthenticationProtocolException("The server's Kerberos reply did not complete mutual authentication.");
            }
        }
        if ((_flags & GssApi.MutualFlag) == 0)
        {
            throw new AuthenticationProtocolException("GSS-API did not confirm mutual authentication with the server.");
        }
        if (reply?.MechListMic is { } mic)
        {
            VerifyMechListMic(mic);
        }
        _sessionKey = ReadSessionKey();
        _complete = true;
    }

    /// <summary>Parses a server NegTokenResp, refusing a reject and any mechanism but the Kerberos one offered.</summary>
    private static NegTokenResp Reply(ReadOnlySpan<byte> token)
    {
        var reply = NegTokenResp.Parse(token);
        if (reply.State is NegState.Reject)
        {
            throw new AuthenticationProtocolException("The server rejected the Kerberos authentication (SPNEGO reject).");
        }
        if (reply.SupportedMech is not null && !reply.SupportedMech.AsSpan().SequenceEqual(GssOids.Krb5MechBytes))
        {
            throw new AuthenticationProtocolException("The server chose a SPNEGO mechanism other than the Kerberos this client offered.");
        }
        return reply;
    }

    /// <summary>
    /// One gss_init_sec_context call: consumes the server's token, returns ours (empty when none). A failure is
    /// a <see cref="KerberosException"/>, whether the KDC refused a ticket or the server's AP-REP did not verify.
    /// </summary>
    private byte[] Continue(byte[] input)
    {
        var pin = GCHandle.Alloc(input, GCHandleType.Pinned);
        try
        {
            var inputBuffer = new GssApi.Buffer { Length = (nuint)input.Length, Value = input.Length == 0 ? IntPtr.Zero : pin.AddrOfPinnedObject() };
            var major = GssApi.InitSecContext(
                out var minor, _credential!.Handle, ref _context, _target!.Handle, GssOids.Krb5Mech,
                GssApi.MutualFlag | GssApi.IntegrityFlag, 0, IntPtr.Zero, ref inputBuffer, IntPtr.Zero,
                out var output, out var flags, IntPtr.Zero);
            var token = GssApi.TakeBuffer(ref output);
            if (major == GssApi.Complete)
            {
                _established = true;
                _flags = flags;
                return token;
            }
            if (major == GssApi.ContinueNeeded)
            {
                return token;
            }
            var message = KerberosFailure.Describe(major, minor, _principal, _spn, GssApi.DescribeMinor(minor));
            throw new KerberosException(message);
        }
        finally
        {
            pin.Free();
        }
    }

    /// <summary>A server mechListMIC, though not needed with one mechanism offered, must verify if sent.</summary>
    private void VerifyMechListMic(byte[] mic)
    {
        var message = GCHandle.Alloc(_mechTypeList, GCHandleType.Pinned);
        var token = GCHandle.Alloc(mic, GCHandleType.Pinned);
        try
        {
            var messageBuffer = new GssApi.Buffer { Length = (nuint)_mechTypeList.Length, Value = message.AddrOfPinnedObject() };
            var tokenBuffer = new GssApi.Buffer { Length = (nuint)mic.Length, Value = token.AddrOfPinnedObject() };
            if (GssApi.VerifyMic(out _, _context, ref messageBuffer, ref tokenBuffer, IntPtr.Zero) != GssApi.Complete)
            {
                throw new AuthenticationProtocolException("The server's SPNEGO mechListMIC does not verify: the negotiation may have been tampered with.");
            }
        }
        finally
        {
            message.Free();
            token.Free();
        }
    }

    private byte[] ReadSessionKey()
    {
        if (GssApi.InquireSecContextByOid(out var minor, _context, GssOids.SspiSessionKey, out var dataSet) != GssApi.Complete)
        {
            throw new KerberosException($"Kerberos: GSS-API gives no session key for the context: {GssApi.DescribeMinor(minor)}");
        }
        try
        {
            var set = Marshal.PtrToStructure<GssApi.BufferSet>(dataSet);
            if (set.Count < 1)
            {
                throw new KerberosException("Kerberos: GSS-API gives no session key for the context.");
            }
            var buffer = Marshal.PtrToStructure<GssApi.Buffer>(set.Elements);
            var key = new byte[Math.Max(16, (int)buffer.Length)];
            Marshal.Copy(buffer.Value, key, 0, (int)buffer.Length);
            return key;
        }
        finally
        {
            GssApi.ReleaseBufferSet(out _, ref dataSet);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_context != IntPtr.Zero)
        {
            GssApi.DeleteSecContext(out _, ref _context, IntPtr.Zero);
        }
        _target?.Dispose();
        _credential?.Dispose();
        if (_sessionKey is not null)
        {
            CryptographicOperations.ZeroMemory(_sessionKey);
        }
    }
}
