using System.Globalization;
using SmbSyncCluster.Sync.Execution;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// Shows a run's progress on stderr: a bar redrawn in place on a terminal; otherwise, once the run has
/// taken a few seconds (a quick run or a refused one prints only its outcome), a plain line at each
/// phase and every few seconds while executing. A paused run says so, without the rate and ETA it had
/// before (it copies nothing while paused). Nothing at all when quiet.
/// </summary>
internal sealed class ProgressView(TextWriter stderr, bool terminal, bool quiet)
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private static readonly string Paused = JobStatus.Paused.WireName;
    private readonly DateTime _started = DateTime.UtcNow;
    private string? _lastPhase;
    private DateTime _lastPlain;
    private bool _drawn;

    /// <summary>Shows <paramref name="progress"/>; <paramref name="paused"/> when the run is paused.</summary>
    public void Show(SyncProgress progress, bool paused = false)
    {
        if (quiet)
        {
            return;
        }
        if (terminal)
        {
            var width = Math.Max(40, ConsoleWidth() - 1);
            var line = Line(progress, paused);
            stderr.Write("\r\u001b[2K" + (line.Length > width ? line[..width] : line));
            _drawn = true;
            return;
        }
        var now = DateTime.UtcNow;
        if (now - _started < PlainInterval)
        {
            return;
        }
        var phase = paused ? Paused : progress.Phase;
        if (phase != _lastPhase || (phase == "executing" && now - _lastPlain >= PlainInterval))
        {
            stderr.WriteLine(Line(progress, paused));
            _lastPhase = phase;
            _lastPlain = now;
        }
    }

    /// <summary>Ends the bar's line so that what follows starts on a fresh one.</summary>
    public void Done()
    {
        if (_drawn)
        {
            stderr.Write("\r\u001b[2K");
            _drawn = false;
        }
    }

    /// <summary>The progress in one line; a paused run's starts with "paused" and has no rate or ETA, which would be stale.</summary>
    internal static string Line(SyncProgress p, bool paused = false)
    {
        if (p.Phase != "executing")
        {
            return paused ? $"{Paused} ({p.Phase})" : p.Phase + "...";
        }
        const int barWidth = 24;
        var filled = (int)Math.Round(p.Percent / 100 * barWidth);
        var done = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', barWidth - filled)}] {p.Percent,3:0}% {p.ItemsDone:N0}/{p.ItemsTotal:N0} items " +
            $"{Sizes.Format(p.BytesDone)}/{Sizes.Format(p.BytesTotal)}");
        if (paused)
        {
            return $"{Paused} {done}";
        }
        var eta = p.Eta is { } e ? " ETA " + e.ToString(e.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "";
        return $"{done} {Sizes.Format((long)p.BytesPerSecond)}/s{eta} {TerminalText.Safe(p.CurrentPath ?? "")}";
    }

    private static int ConsoleWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}

/// <summary>Byte counts for people.</summary>
internal static class Sizes
{
    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B") : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
