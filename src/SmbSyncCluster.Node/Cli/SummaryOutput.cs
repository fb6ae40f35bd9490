using System.Globalization;
using System.Text.Json;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Cli;

/// <summary>The end of a sync as the CLI prints it: the one-line JSON of the design, or a few lines for people.</summary>
internal static class SummaryOutput
{
    private sealed record JsonError(string Path, string Action, string Kind, string Message);

    private sealed record JsonSummary(
        string JobId, string Mode, bool DryRun, int Uploaded, int Downloaded, int DeletedLocal, int DeletedRemote,
        int Conflicts, int Skipped, int Failed, long BytesTransferred, long DurationMs, IReadOnlyList<JsonError> Errors);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The design's one-line JSON summary.</summary>
    private static string ToJson(string jobId, RunSummary s) => JsonSerializer.Serialize(
        new JsonSummary(
            jobId, s.Mode, s.DryRun, s.Uploaded, s.Downloaded, s.DeletedLocal, s.DeletedRemote, s.Conflicts, s.Skipped, s.Failed,
            s.BytesTransferred, (long)(s.FinishedAt - s.StartedAt).TotalMilliseconds,
            [.. s.Errors.Select(e => new JsonError(e.Path, e.Action, e.Kind, e.Message))]),
        Json);

    /// <summary>
    /// Writes the summary the way <c>--json</c> asks: the one-line JSON on stdout (and why the run did not
    /// finish, if it did not, on stderr), or the text for people.
    /// </summary>
    public static void Write(string jobId, RunSummary s, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (!json)
        {
            WriteText(s, stdout, stderr);
            return;
        }
        stdout.WriteLine(ToJson(jobId, s));
        if (s.Outcome is "aborted" or "stopped")
        {
            stderr.WriteLine($"smbsync: run {s.Outcome}: {s.Reason}");
        }
    }

    /// <summary>Writes the summary for people: counts on stdout, failures and the abort reason on stderr.</summary>
    private static void WriteText(RunSummary s, TextWriter stdout, TextWriter stderr)
    {
        foreach (var error in s.Errors)
        {
            stderr.WriteLine($"smbsync: {Failure(error)}");
        }
        if (s.Outcome is "aborted" or "stopped")
        {
            stderr.WriteLine($"smbsync: run {s.Outcome}: {s.Reason}");
        }
        stdout.WriteLine(Counts(s));
    }

    /// <summary>What the run did (or would do, for a dry run), in one line.</summary>
    public static string Counts(RunSummary s)
    {
        var verb = s.DryRun ? "would sync" : s.Outcome == "completed" ? "synced" : s.Outcome;
        return string.Create(CultureInfo.InvariantCulture,
            $"{verb} ({s.Mode}{(s.DryRun ? ", dry run" : "")}): {s.Uploaded} uploaded, {s.Downloaded} downloaded, " +
            $"{s.DeletedLocal} deleted locally, {s.DeletedRemote} deleted remotely, {s.Conflicts} conflicts, {s.Skipped} skipped, " +
            $"{s.Failed} failed, {Sizes.Format(s.BytesTransferred)} in {(s.FinishedAt - s.StartedAt).TotalSeconds:0.0} s");
    }

    /// <summary>One failed item, in one line.</summary>
    public static string Failure(RunError error) => $"failed: {error.Path} ({error.Action}, {error.Kind}): {error.Message}";
}
