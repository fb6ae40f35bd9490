using System.Globalization;
using System.Text;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Runs;

/// <summary>How a run describes itself to another run it keeps out of its directories, and how that text is read back.</summary>
public static class RunClaims
{
    private const int MaxHolderLength = 200;

    /// <summary>"job ID, process PID on HOST since TIME": enough for a user to find the holder.</summary>
    public static string Owner(JobSpec spec, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return $"job {spec.Id}, {Process(since)}";
    }

    /// <summary>"process PID on HOST since TIME".</summary>
    public static string Process(DateTimeOffset since) =>
        string.Create(CultureInfo.InvariantCulture, $"process {Environment.ProcessId} on {Environment.MachineName} since {since.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");

    /// <summary>
    /// A holder's description as read from a claim file, which anyone who can write there may have written:
    /// decoded leniently, control characters dropped, shortened; "unknown" when empty.
    /// </summary>
    public static string Holder(ReadOnlySpan<byte> written)
    {
        var text = Encoding.UTF8.GetString(written[..Math.Min(written.Length, MaxHolderLength * 4)]);
        var kept = new string([.. text.Where(c => !char.IsControl(c)).Take(MaxHolderLength)]).Trim();
        return kept.Length == 0 ? "holder unknown" : kept;
    }
}
