using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// Refuses a response that does not answer its request as sent: another command or session, missing
/// the signature or encryption the request demands, or a bad signature. Everything is judged by the
/// <see cref="PendingRequest"/>, so nothing in the response can switch a check off.
/// </summary>
internal static class ResponseCheck
{
    /// <summary>A header and an ERROR body with no data ([MS-SMB2] 2.2.2), padded to 8 bytes in a chain.</summary>
    private const int InterimResponseMaxLength = Smb2Header.Size + 16;

    /// <summary>
    /// Throws <see cref="SmbProtocolException"/> unless <paramref name="message"/> (whose header is
    /// <paramref name="header"/>) is an acceptable answer to <paramref name="pending"/>.
    /// <paramref name="encrypted"/> tells whether it arrived inside a transform header.
    /// </summary>
    public static void AgainstRequest(Smb2Header header, PendingRequest pending, Span<byte> message, bool encrypted)
    {
        // The first SESSION_SETUP is sent with SessionId 0 and answered with the id the server assigns.
        var sessionMatches = header.SessionId == pending.SessionId
            || (pending.Command == Smb2Command.SessionSetup && pending.SessionId == 0);
        if (header.Command != pending.Command || !sessionMatches)
        {
            throw new SmbProtocolException(
                $"a {header.Command} response for session 0x{header.SessionId:X} answers a {pending.Command} request for session 0x{pending.SessionId:X}");
        }
        if (pending.Encrypted && !encrypted)
        {
            throw new SmbProtocolException($"unencrypted {header.Command} response to an encrypted request");
        }
        if (header.Status == NtStatus.Pending)
        {
            // An interim response is never signed ([MS-SMB2] 3.2.5.1.3), so it may only say "wait": the
            // async form with an empty error body, never data.
            if (!header.IsAsync || message.Length > InterimResponseMaxLength)
            {
                throw new SmbProtocolException($"malformed interim {header.Command} response ({message.Length} bytes)");
            }
            return;
        }
        if (encrypted)
        {
            return;
        }
        // The final SESSION_SETUP response is verified by the session, once it has derived the keys.
        var signer = pending.Session?.ReceiveSigner;
        if (signer is null || pending.Command == Smb2Command.SessionSetup)
        {
            return;
        }
        if ((header.Flags & Smb2HeaderFlags.Signed) != 0)
        {
            if (!signer.Verify(message))
            {
                throw new SmbProtocolException($"bad signature on a {header.Command} response");
            }
        }
        else if (pending.Signed)
        {
            throw new SmbProtocolException($"unsigned {header.Command} response to a signed request");
        }
    }
}
