using System.Globalization;

namespace SmbSyncCluster.Bench;

/// <summary>The programs the end-to-end benchmark times, in the order of the table's columns.</summary>
internal enum Contender
{
    SmbSync,
    Rclone,
    SmbClient,
}

/// <summary>
/// One row of the end-to-end table: what is moved (so that a time becomes a rate) and the speed smbsync
/// aims for there, as "at least <see cref="TargetSpeedup"/> times as fast as <see cref="Baseline"/>".
/// </summary>
internal sealed record Scenario(string Name, double Amount, string Unit, Contender Baseline, double TargetSpeedup);

/// <summary>
/// Keeps the best wall-clock time of each (scenario, contender) over the runs and prints the table;
/// every time is also shown as it comes, so that the spread between runs is there to judge.
/// </summary>
internal sealed class EndToEndScoreboard(IReadOnlyList<Scenario> scenarios, TextWriter progress)
{
    private const int Cell = 26;
    private readonly Dictionary<(Scenario, Contender), (TimeSpan Wall, TimeSpan? Run)> _best = [];

    /// <param name="run">For smbsync, the run's own duration from its JSON summary, to show what the wall clock adds.</param>
    public void Add(Scenario scenario, Contender contender, TimeSpan wall, TimeSpan? run = null)
    {
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {scenario.Name,-26}{Name(contender),-11}{Format(scenario, wall)}{(run is { } r ? $"   (run {r.TotalSeconds:F2} s)" : "")}"));
        if (!_best.TryGetValue((scenario, contender), out var best) || wall < best.Wall)
        {
            _best[(scenario, contender)] = (wall, run);
        }
    }

    public void Print(TextWriter output)
    {
        var contenders = Enum.GetValues<Contender>();
        output.WriteLine($"{"",-26}{string.Concat(contenders.Select(c => Name(c).PadLeft(Cell)))}   target");
        foreach (var s in scenarios)
        {
            var cells = contenders.Select(c => _best.TryGetValue((s, c), out var b) ? Format(s, b.Wall) : "-");
            output.WriteLine($"{s.Name,-26}{string.Concat(cells.Select(c => c.PadLeft(Cell)))}   {Verdict(s)}");
        }
        output.WriteLine();
        output.WriteLine("smbsync's best runs: wall clock against the run itself (JSON durationMs); the rest is process");
        output.WriteLine("start-up, the embedded actor system and journal coming up, recovery of the job and shutdown.");
        foreach (var s in scenarios)
        {
            if (_best.TryGetValue((s, Contender.SmbSync), out var b) && b.Run is { } run)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Name,-26}wall {b.Wall.TotalSeconds,6:F2} s   run {run.TotalSeconds,6:F2} s   outside the run {(b.Wall - run).TotalSeconds,6:F2} s"));
            }
        }
    }

    private static string Name(Contender c) => c switch
    {
        Contender.SmbSync => "smbsync",
        Contender.Rclone => "rclone",
        _ => "smbclient",
    };

    private static string Format(Scenario s, TimeSpan wall) =>
        string.Create(CultureInfo.InvariantCulture, $"{wall.TotalSeconds,6:F2} s {s.Amount / wall.TotalSeconds,7:F0} {s.Unit}");

    /// <summary>"smbsync is N x as fast as the baseline", against the target.</summary>
    private string Verdict(Scenario s)
    {
        if (!_best.TryGetValue((s, Contender.SmbSync), out var ours) || !_best.TryGetValue((s, s.Baseline), out var theirs))
        {
            return "";
        }
        var speedup = theirs.Wall / ours.Wall;
        return string.Create(CultureInfo.InvariantCulture,
            $"{speedup:F2}x {Name(s.Baseline)} (want >= {s.TargetSpeedup:F1}x): {(speedup >= s.TargetSpeedup ? "met" : "MISSED")}");
    }
}
