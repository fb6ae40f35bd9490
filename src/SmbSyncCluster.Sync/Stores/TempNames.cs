using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// The temporary names atomic writes use, <c>.smbsync-JJJJJJJJ-RRRRRRRRRRRR-XXXXXXXXXXXX.partial</c>: the
/// job (a hash of its id and places), the run (when its stores were opened, in milliseconds) and a random
/// part, in lower-case hex. Scans skip every name of that shape, so that no job syncs another's half-written
/// file; a run removes only its own job's leftovers from earlier runs, never a file being written by the
/// run itself or by another job whose tree overlaps, nor a user's file that merely looks similar.
/// </summary>
public sealed class TempNames
{
    private const string Prefix = ".smbsync-";
    private const string Suffix = ".partial";
    private const int JobDigits = 8;
    private const int RunDigits = 12;
    private const int RandomDigits = 12;

    // The shape of the names of versions before job and run were carried: scans still skip them (another
    // process of that version may be writing one), and no run removes them.
    private const int LegacyDigits = 32;

    private readonly string _job;
    private readonly long _run;

    private TempNames(string job, long run)
    {
        _job = job;
        _run = run;
    }

    /// <summary>The names of a run of <paramref name="spec"/> whose stores open at <paramref name="opened"/>.</summary>
    public static TempNames ForRun(JobSpec spec, DateTimeOffset opened)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(spec.Id + "\n" + spec.Places));
        return new TempNames(Convert.ToHexStringLower(hash)[..JobDigits], opened.ToUnixTimeMilliseconds());
    }

    /// <summary>Names for a store opened outside any job (tools, tests): a random job of its own, so it removes no one's files but its own.</summary>
    public static TempNames Unowned() =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(JobDigits / 2)), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>A fresh temporary path beside <paramref name="path"/>.</summary>
    public string For(string path)
    {
        var slash = path.LastIndexOf('/');
        var dir = slash < 0 ? "" : path[..(slash + 1)];
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomDigits / 2));
        return $"{dir}{Prefix}{_job}-{_run.ToString("x" + RunDigits, CultureInfo.InvariantCulture)}-{random}{Suffix}";
    }

    /// <summary>
    /// The one temporary path beside <paramref name="path"/> a copy that may be resumed writes to, the same in every
    /// run of the job and on every node: its run part is all <c>f</c>, so no run takes it for a leftover of an earlier
    /// one (versions that know nothing of resuming skip it and leave it too), and its random part is drawn from the
    /// path. Which version of the source it holds is the file's own modification time, set before any byte.
    /// </summary>
    public string Resumable(string path)
    {
        var slash = path.LastIndexOf('/');
        var dir = slash < 0 ? "" : path[..(slash + 1)];
        var drawn = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..RandomDigits];
        return $"{dir}{Prefix}{_job}-{new string('f', RunDigits)}-{drawn}{Suffix}";
    }

    /// <summary>True for a temporary name of any job or run (of this version or an older one): never synced.</summary>
    public static bool IsTemp(string name) => Parse(name) is not null || IsLegacy(name);

    /// <summary>True for a temporary file this job left in an earlier run (interrupted): safe to remove.</summary>
    public bool IsLeftover(string name) => Parse(name) is var (job, run) && job == _job && run < _run;

    /// <summary>The job and run of a temporary name, or null for any other name.</summary>
    private static (string Job, long Run)? Parse(string name)
    {
        if (name.Length != Prefix.Length + JobDigits + 1 + RunDigits + 1 + RandomDigits + Suffix.Length
            || !name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = name[Prefix.Length..^Suffix.Length].Split('-');
        if (parts is not [{ Length: JobDigits } job, { Length: RunDigits } run, { Length: RandomDigits } random]
            || !IsHex(job) || !IsHex(run) || !IsHex(random))
        {
            return null;
        }
        return (job, long.Parse(run, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
    }

    private static bool IsLegacy(string name) =>
        name.Length == Prefix.Length + LegacyDigits + Suffix.Length && name.StartsWith(Prefix, StringComparison.Ordinal)
        && name.EndsWith(Suffix, StringComparison.Ordinal) && IsHex(name[Prefix.Length..^Suffix.Length]);

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigitLower);
}
