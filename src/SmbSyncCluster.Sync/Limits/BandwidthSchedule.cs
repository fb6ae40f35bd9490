using System.Globalization;
using System.Text;

namespace SmbSyncCluster.Sync.Limits;

/// <summary>
/// A bandwidth limit as rclone's <c>--bwlimit</c> takes it: one rate (<c>4M</c>, <c>512K</c>, <c>off</c>)
/// or a timetable of <c>[DAY-]HH:MM,RATE</c> entries separated by spaces (<c>08:00,1M 19:00,off</c>;
/// <c>Mon-08:00,1M Sat-00:00,off</c>). An entry holds from its time until the next one, and the last one of
/// the day (or week, with days) holds until the first: a single entry holds all the time. An entry without
/// a day holds on every day. Times are the node's local time, as in rclone.
/// </summary>
public sealed class BandwidthSchedule
{
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private const int MinutesPerDay = 24 * 60;

    // Minute of the week (Sunday 00:00 is 0) each rate starts at, in order.
    private readonly (int Minute, long? Rate)[] _entries;

    private BandwidthSchedule((int Minute, long? Rate)[] entries, string text)
    {
        _entries = entries;
        Text = text;
    }

    /// <summary>No limit.</summary>
    public static BandwidthSchedule Off { get; } = new([(0, null)], "off");

    /// <summary>The limit as it was given.</summary>
    public string Text { get; }

    /// <summary>True when no rate is ever set.</summary>
    public bool IsOff => _entries.All(e => e.Rate is null);

    /// <summary>Reads a limit.</summary>
    /// <exception cref="FormatException">The limit is malformed: the message names the entry and what is wrong.</exception>
    public static BandwidthSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new FormatException("empty: give a rate (4M, 512K), a timetable (08:00,1M 19:00,off) or off");
        }
        if (parts is [var single] && !single.Contains(',', StringComparison.Ordinal))
        {
            return new BandwidthSchedule([(0, BandwidthRate.Parse(single))], text);
        }
        var entries = new SortedDictionary<int, long?>();
        foreach (var part in parts)
        {
            var comma = part.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                throw new FormatException($"'{part}': a timetable entry is [DAY-]HH:MM,RATE (e.g. 08:00,1M or Mon-08:00,1M)");
            }
            var rate = BandwidthRate.Parse(part[(comma + 1)..]);
            foreach (var minute in MinutesOf(part[..comma]))
            {
                if (!entries.TryAdd(minute, rate))
                {
                    throw new FormatException($"'{part}': the timetable already has an entry at {Describe(minute)}");
                }
            }
        }
        return new BandwidthSchedule([.. entries.Select(e => (e.Key, e.Value))], text);
    }

    /// <summary>Reads a limit, or gives the reason it is malformed.</summary>
    public static bool TryParse(string text, out BandwidthSchedule schedule, out string error)
    {
        try
        {
            (schedule, error) = (Parse(text), "");
            return true;
        }
        catch (FormatException e)
        {
            (schedule, error) = (Off, e.Message);
            return false;
        }
    }

    /// <summary>The limit in bytes per second at <paramref name="localTime"/>, or null when there is none.</summary>
    public long? RateAt(DateTime localTime)
    {
        var minute = ((int)localTime.DayOfWeek * MinutesPerDay) + (localTime.Hour * 60) + localTime.Minute;
        var current = _entries[^1].Rate; // before the week's first entry, the week's last one still holds
        foreach (var (start, rate) in _entries)
        {
            if (start > minute)
            {
                break;
            }
            current = rate;
        }
        return current;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>The minutes of the week an entry's <c>[DAY-]HH:MM</c> stands for: one, or one on every day.</summary>
    private static IEnumerable<int> MinutesOf(string when)
    {
        var dash = when.IndexOf('-', StringComparison.Ordinal);
        var day = dash < 0 ? -1 : Array.FindIndex(Days, d => d.Equals(when[..dash], StringComparison.OrdinalIgnoreCase));
        if (dash >= 0 && day < 0)
        {
            throw new FormatException($"'{when}': the day is one of {string.Join(", ", Days)}");
        }
        var time = when[(dash + 1)..];
        if (time.Length != 5 || !TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            throw new FormatException($"'{when}': the time is HH:MM, 00:00 to 23:59");
        }
        var ofDay = (at.Hour * 60) + at.Minute;
        return day >= 0 ? [(day * MinutesPerDay) + ofDay] : Enumerable.Range(0, 7).Select(d => (d * MinutesPerDay) + ofDay);
    }

    private static string Describe(int minute)
    {
        var text = new StringBuilder(Days[minute / MinutesPerDay]).Append(' ');
        return text.Append(CultureInfo.InvariantCulture, $"{minute % MinutesPerDay / 60:00}:{minute % 60:00}").ToString();
    }
}
