using System.Buffers.Binary;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Tests.Protocol;

namespace SmbSyncCluster.Smb.Tests.Fuzz;

/// <summary>
/// Plays a recorded conversation back to one client: the answer to its n-th frame is the n-th recorded
/// frame, as <c>answer</c> turns it into bytes to send given the MessageIds of the request it answers.
/// </summary>
internal static class ReplayServer
{
    public delegate byte[] Answer(int step, byte[] recorded, ulong[] requestIds);

    public static FakeSmbServer Start(IReadOnlyList<byte[]> frames, Answer answer) =>
        FakeSmbServer.Start(async stream =>
        {
            // The server has read the first request already: the NEGOTIATE, always MessageId 0.
            ulong[] ids = [0];
            for (var step = 0; step < frames.Count; step++)
            {
                if (step > 0)
                {
                    ids = MessageIds(await FakeSmbServer.ReadFrameAsync(stream));
                }
                await stream.WriteAsync(answer(step, frames[step], ids));
            }
        });

    /// <summary>The MessageIds of the requests in a (possibly compound) plain client frame.</summary>
    private static ulong[] MessageIds(byte[] frame)
    {
        var ids = new List<ulong>();
        var offset = 0;
        while (true)
        {
            ids.Add(BinaryPrimitives.ReadUInt64LittleEndian(frame.AsSpan(offset + 24)));
            var next = BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(offset + Smb2Header.NextCommandOffset));
            if (next == 0)
            {
                return [.. ids];
            }
            offset += (int)next;
        }
    }
}
