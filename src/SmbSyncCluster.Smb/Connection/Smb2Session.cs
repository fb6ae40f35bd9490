using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Auth.Kerberos;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>An authenticated SMB2 session: its id and the keys that sign and encrypt its traffic ([MS-SMB2] 3.2.5.3).</summary>
internal sealed class Smb2Session : IDisposable
{
    private const byte SecurityModeSigningEnabled = 0x01;
    private const byte SecurityModeSigningRequired = 0x02;

    public ulong SessionId { get; private set; }
    public bool SigningRequired { get; private set; }
    public bool EncryptData { get; private set; }
    public bool IsGuest { get; private set; }
    public Smb2Signer? SendSigner { get; private set; }
    public Smb2Signer? ReceiveSigner { get; private set; }
    public Smb2Cryptor? Cryptor { get; private set; }

    public static async Task<Smb2Session> SetupAsync(Smb2Connection connection, SmbClientOptions options, CancellationToken ct)
    {
        var (auth, token) = StartAuthentication(connection, options);
        using var _ = auth;
        var preauth = connection.Preauth?.Clone();
        var mode = options.RequireSigning ? (byte)(SecurityModeSigningEnabled | SecurityModeSigningRequired) : SecurityModeSigningEnabled;
        var session = new Smb2Session();
        try
        {
            while (true)
            {
                var request = new SessionSetupRequest(mode, token);
                using var response = (await connection.SendAsync([request], new RequestContext(session, Preauth: preauth), ct))[0];
                session.SessionId = response.Header.SessionId;
                if (response.Status == NtStatus.MoreProcessingRequired)
                {
                    preauth?.Update(response.Span);
                    token = auth.Step(SessionSetupResponse.Parse(response.Span).SecurityBuffer);
                    if (token.Length == 0)
                    {
                        // The authenticator is done; a server that still wants more would loop us forever.
                        throw new SmbProtocolException($"{connection.Endpoint} asks for another SESSION_SETUP round after authentication was complete");
                    }
                    continue;
                }
                response.EnsureSuccess($"authentication as {options.Credentials} on {connection.Endpoint}");
                var final = SessionSetupResponse.Parse(response.Span);
                auth.Complete(final.SecurityBuffer, AdmittedAsGuest(final));
                session.Establish(connection, options, final, auth, preauth, response);
                return session;
            }
        }
        catch (KerberosException e)
        {
            session.Dispose();
            throw new SmbAuthenticationException(NtStatus.LogonFailure, $"{connection.Endpoint}: {e.Message}");
        }
        catch (AuthenticationProtocolException e)
        {
            session.Dispose();
            throw new SmbProtocolException($"{connection.Endpoint} sent a malformed security token: {e.Message}", e);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The mechanism's first token; a Kerberos failure on this side is an authentication error naming the server.</summary>
    private static (ISmbAuthenticator, byte[]) StartAuthentication(Smb2Connection connection, SmbClientOptions options)
    {
        try
        {
            return AuthenticatorChoice.Start(options);
        }
        catch (KerberosException e)
        {
            throw new SmbAuthenticationException(NtStatus.LogonFailure, $"{connection.Endpoint}: {e.Message}");
        }
    }

    private void Establish(
        Smb2Connection connection, SmbClientOptions options, SessionSetupResponse final, ISmbAuthenticator auth,
        PreauthHash? preauth, Smb2Message response)
    {
        // Anonymous NTLM logons carry no session key even when the server sets no flag for them ([MS-SMB2]
        // 3.2.5.3.1); a Kerberos logon without a user named is the ticket cache's principal, never anonymous.
        var admittedAsGuest = AdmittedAsGuest(final);
        var anonymous = options.Credentials.IsAnonymous && auth is not KerberosAuthenticator;
        IsGuest = anonymous || admittedAsGuest;
        EncryptData = (final.SessionFlags & SessionSetupResponse.EncryptData) != 0;
        if (admittedAsGuest && !anonymous && !options.AllowGuest)
        {
            // The flag is unsigned, so it is no proof the password was wrong; either way a guest session
            // would run unsigned and as someone else than the user named.
            throw new SmbAuthenticationException(NtStatus.LogonFailure,
                $"{connection.Endpoint} admitted {options.Credentials} only as guest (unknown user or wrong password?); allow guest access explicitly to accept that");
        }
        if (IsGuest)
        {
            // A guest or anonymous session has no key to sign or encrypt with.
            if (options.RequireSigning || options.RequireEncryption || EncryptData)
            {
                throw new SmbAuthenticationException(NtStatus.LogonFailure,
                    $"{connection.Endpoint} accepted {options.Credentials} only as guest, which cannot sign or encrypt");
            }
            return;
        }
        var keys = SessionKeys.Derive(connection.Dialect, auth.SessionKey, connection.Cipher, preauth is null ? default : preauth.Value);
        SendSigner = Smb2Signer.Create(connection.SigningAlgorithm, keys.SigningKey);
        ReceiveSigner = Smb2Signer.Create(connection.SigningAlgorithm, keys.SigningKey);
        SigningRequired = connection.ServerRequiresSigning || options.RequireSigning;
        if (connection.Dialect >= Smb2Dialect.Smb300 && connection.Cipher != Smb2Cipher.None)
        {
            Cryptor = new Smb2Cryptor(connection.Cipher, keys.EncryptionKey, keys.DecryptionKey);
        }
        if ((EncryptData || options.RequireEncryption) && Cryptor is null)
        {
            throw new SmbStatusException(NtStatus.NotSupported,
                $"encryption is required but {connection.Endpoint} negotiated {connection.Dialect} without a cipher");
        }
        // The final response proves the server holds the same key; 3.1.1 servers always sign it ([MS-SMB2] 3.3.5.5.3).
        var signed = (response.Header.Flags & Smb2HeaderFlags.Signed) != 0;
        if (signed && !ReceiveSigner.Verify(response.MutableSpan))
        {
            throw new SmbProtocolException("bad signature on the final SESSION_SETUP response");
        }
        if (!signed && (connection.Dialect == Smb2Dialect.Smb311 || SigningRequired))
        {
            throw new SmbProtocolException("the final SESSION_SETUP response is not signed");
        }
    }

    /// <summary>
    /// The SPN of the file service on the server as the user named it, which NTLM sends so that the server
    /// can tell a logon that was meant for another service and relayed to it.
    /// </summary>
    internal static string TargetSpn(SmbClientOptions options) => $"cifs/{options.Host}";

    private static bool AdmittedAsGuest(SessionSetupResponse final) =>
        (final.SessionFlags & (SessionSetupResponse.IsGuest | SessionSetupResponse.IsNull)) != 0;

    public void Dispose()
    {
        SendSigner?.Dispose();
        ReceiveSigner?.Dispose();
        Cryptor?.Dispose();
    }
}
