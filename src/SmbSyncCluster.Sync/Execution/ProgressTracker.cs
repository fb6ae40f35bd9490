using System.Diagnostics;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Execution;

/// <summary>
/// Counts done items and bytes from many workers (any thread) and reports at most once per interval
/// (and once at the end) to <paramref name="sink"/>.
/// </summary>
/// <param name="itemsTotal">Actions to run.</param>
/// <param name="bytesTotal">Bytes to copy.</param>
/// <param name="interval">Least time between two reports.</param>
/// <param name="sink">Where reports go; null for none.</param>
public sealed class ProgressTracker(int itemsTotal, long bytesTotal, TimeSpan interval, IProgress<SyncProgress>? sink)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _itemsDone;
    private long _bytesDone;
    private long _lastReportTicks = -interval.Ticks; // the first event reports at once
    private string? _current;

    /// <summary>Bytes copied so far.</summary>
    public long BytesDone => Interlocked.Read(ref _bytesDone);

    /// <summary>An action on <paramref name="path"/> started.</summary>
    public void Started(string path)
    {
        _current = path;
        MaybeReport();
    }

    /// <summary>Bytes were copied (negative: a failed attempt's bytes taken back).</summary>
    public void Bytes(long count)
    {
        Interlocked.Add(ref _bytesDone, count);
        MaybeReport();
    }

    /// <summary>An action ended, succeeded or failed.</summary>
    public void ItemDone()
    {
        Interlocked.Increment(ref _itemsDone);
        MaybeReport();
    }

    /// <summary>Reports the final figures.</summary>
    public void Finish() => Report();

    private void MaybeReport()
    {
        var now = _clock.Elapsed.Ticks;
        var last = Interlocked.Read(ref _lastReportTicks);
        if (now - last >= interval.Ticks && Interlocked.CompareExchange(ref _lastReportTicks, now, last) == last)
        {
            Report();
        }
    }

    private void Report()
    {
        if (sink is null)
        {
            return;
        }
        var bytes = BytesDone;
        var seconds = _clock.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? bytes / seconds : 0;
        TimeSpan? eta = rate > 0 && bytesTotal > bytes ? TimeSpan.FromSeconds((bytesTotal - bytes) / rate) : null;
        sink.Report(new SyncProgress("executing", _current, Volatile.Read(ref _itemsDone), itemsTotal, bytes, bytesTotal, rate, eta));
    }
}
