namespace SmbSyncCluster.Smb.Tests.Fuzz;

/// <summary>
/// The frames a real server sent for one run of <see cref="FuzzWorkload"/>, one per client request, and
/// what the run returned. <see cref="Options"/> make the client's requests and keys the same on every
/// run, so the frames answer a replay too; <see cref="SessionKey"/> is the key they were signed with.
/// </summary>
internal sealed record Conversation(string Name, SmbClientOptions Options, IReadOnlyList<byte[]> Frames, string Outcome, byte[] SessionKey)
{
    public override string ToString() => Name;
}
