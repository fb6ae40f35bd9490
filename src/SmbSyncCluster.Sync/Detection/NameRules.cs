using System.Buffers;
using System.Globalization;
using System.Text;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Detection;

/// <summary>Which file names a side can hold and whether it tells names apart by case.</summary>
public sealed class NameRules
{
    private const string SmbInvalidCharacters = "\\/:*?\"<>|";

    private const int MaxNameLength = 255;

    private readonly SearchValues<char> rejected;
    private readonly bool windowsNames;
    private readonly bool encoded;

    /// <summary>Rules for a side with the given restrictions.</summary>
    /// <param name="invalidCharacters">Characters no name may contain.</param>
    /// <param name="rejectControlCharacters">Whether U+0000 to U+001F are rejected too.</param>
    /// <param name="caseInsensitive">Whether names differing only in case are the same name.</param>
    /// <param name="windowsNames">
    /// Whether the names Windows reserves are rejected too: a name ending in a space or a period, and a
    /// device name such as <c>aux</c> or <c>com1.txt</c> (see <see cref="Smb"/>); such a side counts a
    /// name's 255 characters in UTF-16 units, any other in bytes of UTF-8 (Linux's limit).
    /// </param>
    public NameRules(string invalidCharacters, bool rejectControlCharacters, bool caseInsensitive, bool windowsNames = false)
    {
        ArgumentNullException.ThrowIfNull(invalidCharacters);
        var all = rejectControlCharacters
            ? invalidCharacters + new string(Enumerable.Range(0, 0x20).Select(c => (char)c).ToArray())
            : invalidCharacters;
        rejected = SearchValues.Create(all);
        this.windowsNames = windowsNames;
        CaseInsensitive = caseInsensitive;
    }

    /// <summary>Any name of up to 255 bytes of UTF-8, case-sensitive: a POSIX file system.</summary>
    public static NameRules Permissive { get; } = new(string.Empty, rejectControlCharacters: false, caseInsensitive: false);

    /// <summary>
    /// An SMB share as Windows and Samba serve it: no <c>\ / : * ? " &lt; &gt; |</c>, no control
    /// characters, case-insensitive, and none of the names Windows reserves. Samba stores those, but
    /// lists them under a mangled 8.3 name (<c>ends.txt </c> comes back as <c>E6UD22~J</c>), so a file
    /// synced under such a name would look deleted on the next run.
    /// </summary>
    public static NameRules Smb { get; } = new(SmbInvalidCharacters, rejectControlCharacters: true, caseInsensitive: true, windowsNames: true);

    /// <summary>
    /// An SMB share whose store writes each name under <see cref="SmbNameEncoding"/>: every name but a device
    /// name (which Samba still mangles) fits, if its stored form is at most 255 characters.
    /// </summary>
    public static NameRules SmbEncoded { get; } = new(encoded: true);

    /// <summary>Rules that check names in the form <see cref="SmbNameEncoding"/> stores them in, on a case-insensitive side.</summary>
    private NameRules(bool encoded)
        : this(string.Empty, rejectControlCharacters: false, caseInsensitive: true, windowsNames: true) => this.encoded = encoded;

    /// <summary>Whether names differing only in case are the same name on this side.</summary>
    public bool CaseInsensitive { get; }

    /// <summary>Why this side cannot hold <paramref name="name"/>, or null when it can.</summary>
    /// <param name="name">One path component.</param>
    public string? Check(ReadOnlySpan<char> name)
    {
        if (encoded)
        {
            return CheckStored(name);
        }
        var at = name.IndexOfAny(rejected);
        if (at >= 0)
        {
            var c = name[at];
            return char.IsControl(c)
                ? string.Create(CultureInfo.InvariantCulture, $"control character U+{(int)c:X4} in the name")
                : $"'{c}' in the name";
        }
        if (windowsNames ? name.Length > MaxNameLength : Encoding.UTF8.GetByteCount(name) > MaxNameLength)
        {
            return windowsNames ? $"a name longer than {MaxNameLength} characters" : $"a name longer than {MaxNameLength} bytes of UTF-8";
        }
        if (!windowsNames || name.IsEmpty)
        {
            return null;
        }
        return name[^1] switch
        {
            ' ' => "a space at the end of the name",
            '.' => "a period at the end of the name",
            _ when IsDeviceName(name) => $"the device name '{name[..DeviceNameLength(name)]}'",
            _ => null,
        };
    }

    /// <summary>
    /// Why a share cannot hold <paramref name="name"/> in its stored form: too long, a device name, or one whose
    /// stored form reads back as another name (rclone stores "．." as "．．", which reads back as "..").
    /// </summary>
    private static string? CheckStored(ReadOnlySpan<char> name)
    {
        var real = name.ToString();
        var stored = SmbNameEncoding.Encode(real);
        return stored.Length > MaxNameLength ? $"a name longer than {MaxNameLength} characters once encoded"
            : IsDeviceName(stored) ? $"the device name '{stored[..DeviceNameLength(stored)]}'"
            : SmbNameEncoding.Decode(stored) != real ? $"a name whose encoded form '{stored}' reads back as another name"
            : null;
    }

    /// <summary>Why this side cannot hold some component of <paramref name="path"/>, or null when it can hold them all.</summary>
    /// <param name="path">A relative path, components separated by '/'.</param>
    public string? CheckPath(ReadOnlySpan<char> path)
    {
        foreach (var range in path.Split('/'))
        {
            if (Check(path[range]) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>
    /// CON, PRN, AUX, NUL, COM0-COM9 and LPT0-LPT9 (and COM/LPT with a superscript 1-3), alone or
    /// before an extension, in any case: the names Windows reserves for devices. Samba 4.17 mangles a
    /// subset (CON, PRN, AUX, NUL, COM1-4, LPT1-4); the whole list keeps Windows servers in mind too.
    /// </summary>
    private static bool IsDeviceName(ReadOnlySpan<char> name)
    {
        var stem = name[..DeviceNameLength(name)];
        if (stem.Length == 3)
        {
            return stem.Equals("CON", StringComparison.OrdinalIgnoreCase) || stem.Equals("PRN", StringComparison.OrdinalIgnoreCase)
                || stem.Equals("AUX", StringComparison.OrdinalIgnoreCase) || stem.Equals("NUL", StringComparison.OrdinalIgnoreCase);
        }
        return stem.Length == 4
            && (stem[..3].Equals("COM", StringComparison.OrdinalIgnoreCase) || stem[..3].Equals("LPT", StringComparison.OrdinalIgnoreCase))
            && (char.IsAsciiDigit(stem[3]) || stem[3] is '\u00B9' or '\u00B2' or '\u00B3');
    }

    private static int DeviceNameLength(ReadOnlySpan<char> name) => name.IndexOf('.') is var dot and >= 0 ? dot : name.Length;
}
