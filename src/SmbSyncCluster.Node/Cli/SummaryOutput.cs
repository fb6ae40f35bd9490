using System.Globalization;
using System.Text.Json;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Reports;

namespace SmbSyncCluster.Node.Cli;

/// <summary>The end of a sync as the CLI prints it: one line of JSON for scripts, or a few lines for people.</summary>
internal static class SummaryOutput
{
    /// <summary>What a run without a base did, on a line of its own (<c>firstSync</c> in the JSON summary).</summary>
    public const string FirstSyncNotice = "first sync of this pair: files missing on one side will be copied, not deleted";

    /// <summary>The one-line JSON summary scripts parse (a <see cref="RunReport"/>: counts, the run's id, times and outcome).</summary>
    private static string ToJson(string jobId, RunSummary s) =>
        JsonSerializer.Serialize(RunReport.From(jobId, s), NodeJson.Options);

    /// <summary>
    /// Writes the summary the way <c>--json</c> asks: the one-line JSON on stdout (and why the run did not
    /// finish, if it did not, on stderr), or the text for people. <paramref name="remote"/> is the job's REMOTE, when known:
    /// a share that refused every write is said to be read-only for its user. The run's notes (a directory it created) are
    /// lines on stderr first, or in the JSON. A run of a job without a base says so: a field of the JSON, a line on stderr
    /// unless the run aborted (whose one line says why).
    /// </summary>
    public static void Write(string jobId, RunSummary s, bool json, TextWriter stdout, TextWriter stderr, string? remote)
    {
        if (!json)
        {
            if (s.FirstSync && s.Outcome != RunOutcome.Aborted)
            {
                stderr.WriteLine($"smbsync: {FirstSyncNotice}");
            }
            WriteText(s, stdout, stderr, remote);
            return;
        }
        stdout.WriteLine(ToJson(jobId, s));
        WriteWhyUnfinished(s, stderr);
    }

    /// <summary>Writes the summary for people: counts on stdout; skips, failures (or the one cause of them all) and the abort reason on stderr.</summary>
    private static void WriteText(RunSummary s, TextWriter stdout, TextWriter stderr, string? remote)
    {
        foreach (var note in s.Notes ?? [])
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: {note}"));
        }
        foreach (var skip in s.Skips ?? [])
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: skipped: {skip.Path} ({skip.Kind.WireName}): {skip.Message}"));
        }
        var listed = s.Skips?.Count ?? 0;
        if (s.Skipped > listed)
        {
            stderr.WriteLine($"smbsync: skipped: {s.Skipped - listed} {(listed > 0 ? "more " : "")}not listed");
        }
        if (RefusedWrites.ReadOnlyShare(s, remote) is { } readOnly)
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: {readOnly}"));
        }
        else
        {
            WriteFailures(s, stderr);
        }
        WriteWhyUnfinished(s, stderr);
        WritePlan(s, stdout);
        stdout.WriteLine(Counts(s));
    }

    private static void WritePlan(RunSummary s, TextWriter stdout)
    {
        foreach (var line in PlanLines(s))
        {
            stdout.WriteLine(line);
        }
    }

    /// <summary>A dry run's steps, or the deletions a refused run held back: one line each, as <see cref="Step"/> writes them; none without a plan.</summary>
    public static IEnumerable<string> PlanLines(RunSummary s)
    {
        var plan = s.Plan ?? [];
        foreach (var step in plan)
        {
            yield return Step(step);
        }
        if (s.Planned > plan.Count)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"... {s.Planned - plan.Count} more not listed");
        }
    }

    /// <summary>One step of a plan, safe to print: <c>upload a.txt</c>, <c>rename-remote a -> b</c>, <c>skip c.txt (conflict)</c>.</summary>
    public static string Step(PlannedAction step) =>
        TerminalText.Safe($"{step.Action} {step.Path}{(step.Target is { } target ? " -> " + target : "")}{(step.Reason is { } reason ? $" ({reason})" : "")}");

    private static void WriteFailures(RunSummary s, TextWriter stderr)
    {
        foreach (var error in s.Errors)
        {
            stderr.WriteLine($"smbsync: {Failure(error)}");
        }
        if (s.Failed > s.Errors.Count)
        {
            stderr.WriteLine($"smbsync: failed: {s.Failed - s.Errors.Count} more not listed");
        }
    }

    private static void WriteWhyUnfinished(RunSummary s, TextWriter stderr)
    {
        if (s.Outcome is RunOutcome.Aborted or RunOutcome.Stopped)
        {
            stderr.WriteLine(TerminalText.Safe($"smbsync: run {s.Outcome.WireName}: {s.Reason}"));
        }
    }

    /// <summary>What the run did (or would do, for a dry run), in one line.</summary>
    public static string Counts(RunSummary s)
    {
        var verb = s.Outcome switch
        {
            RunOutcome.Aborted or RunOutcome.Stopped => s.Outcome.WireName, // a dry run that could not finish planned nothing it would do
            _ when s.DryRun => "would sync",
            RunOutcome.Completed => "synced",
            _ => s.Outcome.WireName,
        };
        // Said only when a run moved something, so that the line reads as it always did otherwise.
        var moved = s.Moved > 0 ? string.Create(CultureInfo.InvariantCulture, $"{s.Moved} moved, ") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{verb} ({s.Mode.WireName}{(s.DryRun ? ", dry run" : "")}): {s.Uploaded} uploaded, {s.Downloaded} downloaded, " +
            $"{s.DeletedLocal} deleted locally, {s.DeletedRemote} deleted remotely, {moved}{s.Conflicts} conflicts, {s.Skipped} skipped, " +
            $"{s.Failed} failed, {Sizes.Format(s.BytesTransferred)} in {(s.FinishedAt - s.StartedAt).TotalSeconds:0.0} s");
    }

    /// <summary>One failed item, in one line, safe to print.</summary>
    public static string Failure(RunError error) => TerminalText.Safe($"failed: {error.Path} ({error.Action.WireName}, {error.Kind.WireName}): {error.Message}");
}
