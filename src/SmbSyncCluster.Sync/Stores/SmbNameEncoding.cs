using System.Buffers;
using System.Text;

namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// The names an SMB share cannot hold, stored under the look-alikes rclone's SMB backend writes by
/// default (its encoding <c>Slash, BackSlash, Colon, Question, DoubleQuote, Asterisk, LtGt, Pipe, Ctl,
/// Dot, RightSpace, RightPeriod</c>), so that a share written by either reads the same through both:
/// <c>\ / : * ? " &lt; &gt; |</c> become their full-width forms (U+FF3C, U+FF0F, ...), control characters
/// U+0001-U+001F the symbols U+2401-U+241F, a trailing space U+2420 (SYMBOL FOR SPACE) and a trailing period
/// U+FF0E (FULLWIDTH FULL STOP). A name that already holds one of those look-alikes keeps it behind the
/// quote U+201B (‛), as does the quote itself, so every name has exactly one stored form and decoding is
/// never ambiguous. The mapping works one path component at a time.
/// </summary>
public static class SmbNameEncoding
{
    /// <summary>What marks a look-alike that stands for itself (SINGLE HIGH-REVERSED-9 QUOTATION MARK).</summary>
    public const char Quote = '\u201B';

    /// <summary>Adding this to a printable ASCII character gives its full-width form.</summary>
    private const int FullWidthOffset = 0xFEE0;

    /// <summary>U+2400 (SYMBOL FOR NULL): adding a control character to it gives the symbol for that character.</summary>
    private const char SymbolForNull = '\u2400';

    private const char SymbolForSpace = '\u2420';

    private const char FullWidthPeriod = '\uFF0E';

    private const string FullWidthCharacters = "\\/:*?\"<>|";

    /// <summary>The stored form of one name.</summary>
    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return name;
        }
        switch (name)
        {
            case ".":
                return FullWidthPeriod.ToString();
            case "..":
                return new string(FullWidthPeriod, 2);
            case "\uFF0E":
                return $"{Quote}{FullWidthPeriod}";
            case "\uFF0E\uFF0E":
                return $"{Quote}{FullWidthPeriod}{Quote}{FullWidthPeriod}";
        }
        var (body, suffix) = name[^1] switch
        {
            ' ' => (name[..^1], SymbolForSpace.ToString()),
            SymbolForSpace => (name[..^1], $"{Quote}{SymbolForSpace}"),
            '.' => (name[..^1], FullWidthPeriod.ToString()),
            FullWidthPeriod => (name[..^1], $"{Quote}{FullWidthPeriod}"),
            _ => (name, ""),
        };
        if (suffix.Length == 0 && body.AsSpan().IndexOfAny(Encoded) < 0)
        {
            return name;
        }
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in body)
        {
            if (c < 0x20)
            {
                text.Append((char)(SymbolForNull + c));
            }
            else if (FullWidthCharacters.Contains(c, StringComparison.Ordinal))
            {
                text.Append((char)(c + FullWidthOffset));
            }
            else
            {
                if (IsLookAlike(c))
                {
                    text.Append(Quote);
                }
                text.Append(c);
            }
        }
        return text.Append(suffix).ToString();
    }

    /// <summary>
    /// The name a stored one stands for, or null when no name is stored that way: one that decodes to a
    /// name no file system holds (with '/' or U+0000 in it, or "." or "..") or that <see cref="Encode"/>
    /// would store otherwise (a quote before a plain character, a full-width '/' rclone writes for a name
    /// it reads as holding one). Such an entry can be neither reached nor brought over under its name.
    /// </summary>
    public static string? Decode(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        // Most names hold nothing the encoding touches: a listing of a million of them allocates nothing more.
        if (stored.Length > 0 && stored.AsSpan().IndexOfAny(Encoded) < 0 && stored[^1] is not (' ' or '.' or SymbolForSpace or FullWidthPeriod))
        {
            return stored;
        }
        var name = DecodeAny(stored);
        return name is "." or ".." || name.AsSpan().IndexOfAny('/', '\0') >= 0 || Encode(name) != stored ? null : name;
    }

    /// <summary>The stored form of every component of a relative path.</summary>
    public static string EncodePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Contains('/', StringComparison.Ordinal) ? string.Join('/', path.Split('/').Select(Encode)) : Encode(path);
    }

    /// <summary>Characters that are encoded or quoted wherever they are in a name: those a share cannot hold and their look-alikes.</summary>
    private static readonly SearchValues<char> Encoded = SearchValues.Create(
        new string([.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. FullWidthCharacters,
            .. FullWidthCharacters.Select(c => (char)(c + FullWidthOffset)), .. Enumerable.Range(SymbolForNull, 0x20).Select(c => (char)c), Quote]));

    /// <summary>A character that, unquoted in a stored name, stands for another one.</summary>
    private static bool IsLookAlike(char c) =>
        c == Quote || (c >= SymbolForNull && c <= SymbolForNull + 0x1F) || (c > FullWidthOffset && FullWidthCharacters.Contains((char)(c - FullWidthOffset), StringComparison.Ordinal));

    private static string DecodeAny(string stored)
    {
        switch (stored)
        {
            case "\uFF0E":
                return ".";
            case "\uFF0E\uFF0E":
                return "..";
            case "\u201B\uFF0E":
                return "\uFF0E";
            case "\u201B\uFF0E\u201B\uFF0E":
                return "\uFF0E\uFF0E";
        }
        var body = stored;
        var suffix = "";
        if (stored.Length > 0 && stored[^1] is SymbolForSpace or FullWidthPeriod)
        {
            var last = stored[^1];
            body = stored[..^1];
            if (body.EndsWith(Quote))
            {
                body = body[..^1];
                suffix = last.ToString();
            }
            else
            {
                suffix = last == SymbolForSpace ? " " : ".";
            }
        }
        var text = new StringBuilder(stored.Length);
        var quoted = false;
        foreach (var c in body)
        {
            if (quoted)
            {
                quoted = false;
                if (!IsLookAlike(c))
                {
                    text.Append(Quote); // a quote before a plain character is a plain quote
                }
                text.Append(c);
            }
            else if (c == Quote)
            {
                quoted = true;
            }
            else if (c == SymbolForNull)
            {
                text.Append('\0');
            }
            else if (c > SymbolForNull && c <= SymbolForNull + 0x1F)
            {
                text.Append((char)(c - SymbolForNull));
            }
            else if (c > FullWidthOffset && FullWidthCharacters.Contains((char)(c - FullWidthOffset), StringComparison.Ordinal))
            {
                text.Append((char)(c - FullWidthOffset));
            }
            else
            {
                text.Append(c);
            }
        }
        if (quoted)
        {
            text.Append(Quote);
        }
        return text.Append(suffix).ToString();
    }
}
