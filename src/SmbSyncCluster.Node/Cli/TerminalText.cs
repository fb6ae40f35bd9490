using System.Globalization;
using System.Text;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// Text that holds file names or words from a server, made safe to print: control characters (C0, DEL
/// and C1) become <c>\xNN</c>. A name may hold an escape sequence (a file from an archive, a share
/// anyone can write to, a job someone else defined); printed raw to a terminal, it could retitle the
/// window, hide the lines before it or fake the ones after.
/// </summary>
internal static class TerminalText
{
    /// <summary><paramref name="text"/> with its control characters escaped; itself when it has none.</summary>
    public static string Safe(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var safe = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                safe.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                safe.Append(c);
            }
        }
        return safe.ToString();
    }
}
