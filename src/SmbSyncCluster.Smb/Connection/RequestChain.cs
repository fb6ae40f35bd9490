using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// The requests that go out in one frame, several as a compound chain ([MS-SMB2] 3.2.4.1.4): what each
/// costs in credits, where it sits in the frame (every message but the last padded to 8 bytes) and, once
/// registered, the MessageId it was sent with.
/// </summary>
internal sealed class RequestChain
{
    public RequestChain(IReadOnlyList<Smb2Request> requests, CreditWindow credits)
    {
        Requests = requests;
        Charges = new int[requests.Count];
        Sizes = new int[requests.Count];
        MessageIds = new ulong[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            Charges[i] = credits.ChargeFor(requests[i].PayloadSize);
            TotalCharge += Charges[i];
            var size = Smb2Header.Size + requests[i].BodySize;
            Sizes[i] = i < requests.Count - 1 ? NegotiateContext.Align8(size) : size;
            PlainLength += Sizes[i];
        }
    }

    public IReadOnlyList<Smb2Request> Requests { get; }

    public int Count => Requests.Count;

    /// <summary>The credits each request costs.</summary>
    public int[] Charges { get; }

    /// <summary>Each message's bytes in the frame, padding included.</summary>
    public int[] Sizes { get; }

    /// <summary>The MessageId each request goes out with, set by <see cref="PendingRequests.Register"/>.</summary>
    public ulong[] MessageIds { get; }

    public int TotalCharge { get; }

    /// <summary>The frame's length before any transform header.</summary>
    public int PlainLength { get; }
}
