using System.Globalization;

namespace SmbSyncCluster.Sync.Limits;

/// <summary>
/// One rate as rclone's <c>--bwlimit</c> writes it: bytes per second with an optional binary suffix
/// (<c>B</c>, <c>K</c>, <c>M</c>, <c>G</c>, <c>T</c>; a bare number is KiB/s, as in rclone), or <c>off</c> for no limit.
/// </summary>
public static class BandwidthRate
{
    /// <summary>The slowest limit taken: below it a single SMB request would wait for minutes.</summary>
    public const long Minimum = 1024;

    /// <summary>Bytes per second, or null for <c>off</c>.</summary>
    /// <exception cref="FormatException">Not a rate: the message says what is accepted.</exception>
    public static long? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (text.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}': one rate for both directions (separate upload:download rates are not supported)");
        }
        var (digits, multiplier) = text.Length > 0 && char.IsAsciiLetter(text[^1])
            ? (text[..^1], MultiplierOf(text, char.ToUpperInvariant(text[^1])))
            : (text, 1024L);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException($"'{text}' is not a rate: a number with K, M or G (bytes per second, binary multiples, e.g. 512K or 4M), or off");
        }
        var bytes = number * multiplier;
        if (bytes < Minimum)
        {
            throw new FormatException($"'{text}' is below the slowest limit taken, 1K (use off for no limit)");
        }
        return bytes > long.MaxValue / 2 ? long.MaxValue / 2 : (long)bytes;
    }

    private static readonly (char Suffix, long Multiplier)[] Units = [('B', 1), ('K', 1L << 10), ('M', 1L << 20), ('G', 1L << 30), ('T', 1L << 40)];

    private static long MultiplierOf(string text, char suffix) =>
        Units.FirstOrDefault(u => u.Suffix == suffix) is { Multiplier: > 0 } unit
            ? unit.Multiplier
            : throw new FormatException($"'{text}': unknown unit '{text[^1]}' (B, K, M, G or T: binary multiples of bytes per second)");
}
