using System.Diagnostics;
using System.Text;

namespace SmbSyncCluster.Testing;

/// <summary>What a server process printed on stdout and stderr (the first 64 KiB), for the messages of failures.</summary>
public sealed class ProcessOutput
{
    private const int Kept = 64 * 1024;

    private readonly StringBuilder _text = new();

    private ProcessOutput()
    {
    }

    /// <summary>Starts <paramref name="info"/> with both its streams read into a new <see cref="ProcessOutput"/>.</summary>
    public static (Process Process, ProcessOutput Output) Start(ProcessStartInfo info, string what)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.UseShellExecute = false;
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        var output = new ProcessOutput();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {what}");
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_text)
        {
            if (_text.Length < Kept)
            {
                _text.AppendLine(line);
            }
        }
    }
}
