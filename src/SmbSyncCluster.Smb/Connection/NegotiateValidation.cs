using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// Confirms over the signed session that the server answered NEGOTIATE as we received it ([MS-SMB2]
/// 3.2.5.5, 3.2.5.14.12). SMB 3.0 and 3.0.2 do not sign NEGOTIATE: a man in the middle could have
/// dropped the signing-required bit or capabilities there. 3.1.1 has the pre-authentication hash instead,
/// and 2.x servers do not know the request.
/// </summary>
internal static class NegotiateValidation
{
    public static async Task ValidateAsync(Smb2Connection connection, Smb2Session session, Smb2Tree tree, CancellationToken ct)
    {
        // A guest or anonymous session has no key to sign the request with.
        if (connection.Dialect is not (Smb2Dialect.Smb300 or Smb2Dialect.Smb302) || session.SendSigner is null)
        {
            return;
        }
        var offered = connection.Offered;
        var request = new ValidateNegotiateRequest(offered.Capabilities, offered.ClientGuid, offered.SecurityMode, offered.Dialects);
        // Signed (or encrypted) both ways: the receive loop refuses an answer that is not.
        var context = new RequestContext(session, tree.TreeId, tree.Encrypt, ForceSign: true);
        using var response = (await connection.SendAsync([request], context, ct))[0];
        if (response.Status == NtStatus.AccessDenied)
        {
            throw new SmbProtocolException($"{connection.Endpoint} refused to confirm the negotiation (access denied)");
        }
        if (response.Status != NtStatus.Success)
        {
            return; // a signed "not supported" is an answer the spec accepts
        }
        var negotiated = connection.Negotiated;
        var expected = new ValidateNegotiateResponse(negotiated.Capabilities, negotiated.ServerGuid, negotiated.SecurityMode, negotiated.Dialect);
        var confirmed = ValidateNegotiateResponse.Parse(response.Span);
        if (confirmed != expected)
        {
            throw new SmbProtocolException(
                $"{connection.Endpoint} confirms a negotiation other than the one received ({confirmed} instead of {expected}): it was altered in transit");
        }
    }
}
