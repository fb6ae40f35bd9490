using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Fuzz;

/// <summary>
/// The frames a real server sent for one run of <see cref="FuzzWorkload"/>, one per client request, and
/// what the run returned. <see cref="Options"/> make the client's requests and keys the same on every
/// run, so the frames answer a replay too; <see cref="SessionKey"/> is the key they were signed with.
/// </summary>
internal sealed record Conversation(string Name, SmbClientOptions Options, IReadOnlyList<byte[]> Frames, string Outcome, byte[] SessionKey)
{
    /// <summary>
    /// SMB 3.1.1 keys hash the NEGOTIATE, whose ClientGuid and salt are random: a replay cannot get past
    /// the signed final SESSION_SETUP response, so only the frames up to it are worth mutating.
    /// </summary>
    public bool KeysReplay => !Options.Dialects.Contains(Smb2Dialect.Smb311);

    /// <summary>How many frames, from the first, a replay gets to.</summary>
    public int Reachable => KeysReplay ? Frames.Count : LogonFrames;

    /// <summary>NEGOTIATE and the two NTLM rounds of SESSION_SETUP.</summary>
    private const int LogonFrames = 3;
}
