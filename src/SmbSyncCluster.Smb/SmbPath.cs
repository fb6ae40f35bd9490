using SmbSyncCluster.Smb.Errors;

namespace SmbSyncCluster.Smb;

/// <summary>
/// Turns a share-relative path ("a/b/c.txt") into the wire form ("a\b\c.txt"), refusing anything that
/// could leave the share or that SMB cannot name.
/// </summary>
public static class SmbPath
{
    /// <summary>Characters no SMB file name may hold ([MS-FSCC] 2.1.5.2), besides control characters.</summary>
    private static readonly char[] Forbidden = ['"', '*', ':', '<', '>', '?', '|'];

    /// <summary>Maximum length of one name component in UTF-16 code units.</summary>
    public const int MaxComponentLength = 255;

    /// <summary>Validates and converts; "" and "/" are the share root.</summary>
    /// <exception cref="SmbInvalidPathException">absolute path, '.' or '..', empty component, or a forbidden character.</exception>
    public static string ToWire(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path is "/" or "\\")
        {
            return "";
        }
        if (path[0] is '/' or '\\' || (path.Length >= 2 && path[1] == ':'))
        {
            throw new SmbInvalidPathException($"'{Printable(path)}' is absolute; paths are relative to the share");
        }
        var parts = path.Split('/', '\\');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0 && i == parts.Length - 1 && i > 0)
            {
                continue; // a trailing separator names the same directory
            }
            CheckComponent(part, path);
        }
        return string.Join('\\', parts.Where((p, i) => !(p.Length == 0 && i == parts.Length - 1)));
    }

    /// <summary>True when <paramref name="name"/> can be one component of a path on an SMB share.</summary>
    public static bool IsValidName(string name, out string? reason)
    {
        reason = name switch
        {
            "" => "empty name",
            "." or ".." => $"'{name}' is not a file name",
            _ when name.Length > MaxComponentLength => $"longer than {MaxComponentLength} characters",
            _ when name.AsSpan().IndexOfAny(Forbidden) >= 0 => $"holds one of {string.Join(' ', Forbidden)}",
            _ when name.Any(c => c < 0x20 || c is '/' or '\\') => "holds a control character or separator",
            _ => null,
        };
        return reason is null;
    }

    private static void CheckComponent(string part, string path)
    {
        if (!IsValidName(part, out var reason))
        {
            throw new SmbInvalidPathException($"'{Printable(path)}' cannot be used on an SMB share: component '{Printable(part)}' {reason}");
        }
    }

    private static string Printable(string s) => string.Concat(s.Select(c => c < 0x20 ? $"\\x{(int)c:x2}" : c.ToString()));
}
