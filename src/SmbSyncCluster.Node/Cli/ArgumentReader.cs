using System.Globalization;

namespace SmbSyncCluster.Node.Cli;

/// <summary>Walks a verb's arguments: options with values, whole numbers in a range, one clear line for what is wrong.</summary>
/// <param name="args">The arguments after the verb.</param>
internal sealed class ArgumentReader(IReadOnlyList<string> args)
{
    private int _index = -1;

    /// <summary>The argument being read.</summary>
    public string Current => args[_index];

    /// <summary>Moves to the next argument; false at the end.</summary>
    public bool MoveNext() => ++_index < args.Count;

    /// <summary>The value of the current option (the next argument, which must not be another option).</summary>
    public string Value() => _index + 1 < args.Count && !args[_index + 1].StartsWith("--", StringComparison.Ordinal)
        ? args[++_index]
        : throw new UsageException($"{Current} needs a value");

    /// <summary>The current option's value as a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int Number(int min, int max)
    {
        var option = Current;
        return int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{option} takes a whole number from {min} to {max}");
    }

    /// <summary>The error for an option this verb does not know.</summary>
    public UsageException Unknown() => new($"unknown option '{Current}'; see 'smbsync --help'");

    /// <summary>True when the current argument is an option rather than a positional value.</summary>
    public bool IsOption => Current.StartsWith('-') && Current.Length > 1;
}
