using SmbSyncCluster.Contracts;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// Recognises a run whose share refused every write (a read-only share, a user without write permission):
/// its failures are then one cause, said in one line, not one line per file. The summary keeps the items
/// (--json lists them); what tells a refusal apart is the NTSTATUS at the end of each item's message.
/// </summary>
internal static class RefusedWrites
{
    private static readonly string[] Refusals =
        [SmbStatusException.Describe(NtStatus.AccessDenied), SmbStatusException.Describe(NtStatus.MediaWriteProtected)];

    /// <summary>
    /// The line that says the share of <paramref name="remote"/> is read-only, when nothing was written there and every
    /// listed failure is a write to it, at least one refused (the others: a file in a directory that could not be created);
    /// null otherwise.
    /// </summary>
    public static string? ReadOnlyShare(RunSummary s, string? remote)
    {
        var writesOnly = s.Errors.Count > 0 && s.Uploaded == 0 && s.DeletedRemote == 0
            && s.Errors.All(e => e.Action is RunAction.Upload or RunAction.MkdirRemote or RunAction.DeleteRemote or RunAction.RenameRemote);
        if (!writesOnly || !s.Errors.Any(e => Refusals.Any(r => e.Message.EndsWith(r, StringComparison.Ordinal))))
        {
            return null;
        }
        var user = remote is not null && SmbUrl.IsSmbUrl(remote) && SmbUrl.Parse(remote).User is { } named ? named : "this user";
        var mode = s.Mode == SyncMode.Download ? "" : "; --mode download?";
        return $"the share is read-only for {user}: {s.Failed} {(s.Failed == 1 ? "write" : "writes")} refused (--json lists them){mode}";
    }
}
