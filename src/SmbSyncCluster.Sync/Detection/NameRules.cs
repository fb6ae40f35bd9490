using System.Buffers;
using System.Globalization;

namespace SmbSyncCluster.Sync.Detection;

/// <summary>Which file names a side can hold and whether it tells names apart by case.</summary>
public sealed class NameRules
{
    private const string SmbInvalidCharacters = "\\/:*?\"<>|";

    private readonly SearchValues<char> rejected;

    /// <summary>Rules for a side with the given restrictions.</summary>
    /// <param name="invalidCharacters">Characters no name may contain.</param>
    /// <param name="rejectControlCharacters">Whether U+0000 to U+001F are rejected too.</param>
    /// <param name="caseInsensitive">Whether names differing only in case are the same name.</param>
    public NameRules(string invalidCharacters, bool rejectControlCharacters, bool caseInsensitive)
    {
        ArgumentNullException.ThrowIfNull(invalidCharacters);
        var all = rejectControlCharacters
            ? invalidCharacters + new string(Enumerable.Range(0, 0x20).Select(c => (char)c).ToArray())
            : invalidCharacters;
        rejected = SearchValues.Create(all);
        RestrictsCharacters = all.Length > 0;
        CaseInsensitive = caseInsensitive;
    }

    /// <summary>Any name, case-sensitive: a POSIX file system.</summary>
    public static NameRules Permissive { get; } = new(string.Empty, rejectControlCharacters: false, caseInsensitive: false);

    /// <summary>
    /// An SMB share as Windows and Samba serve it: no <c>\ / : * ? " &lt; &gt; |</c>, no control
    /// characters, case-insensitive.
    /// </summary>
    public static NameRules Smb { get; } = new(SmbInvalidCharacters, rejectControlCharacters: true, caseInsensitive: true);

    /// <summary>Whether names differing only in case are the same name on this side.</summary>
    public bool CaseInsensitive { get; }

    /// <summary>Whether some characters are rejected at all.</summary>
    public bool RestrictsCharacters { get; }

    /// <summary>Why this side cannot hold <paramref name="name"/>, or null when it can.</summary>
    /// <param name="name">One path component.</param>
    public string? Check(ReadOnlySpan<char> name)
    {
        var at = name.IndexOfAny(rejected);
        if (at < 0)
        {
            return null;
        }
        var c = name[at];
        return char.IsControl(c)
            ? string.Create(CultureInfo.InvariantCulture, $"control character U+{(int)c:X4} in the name")
            : $"'{c}' in the name";
    }
}
