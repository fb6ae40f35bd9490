namespace SmbSyncCluster.Sync.Stores;

/// <summary>
/// Learns the modification-time step a store really keeps. A server may keep times more coarsely than
/// its protocol carries them (FAT 2 s, ext3 and HFS+ 1 s, exFAT 10 ms, Samba's <c>dos filetime
/// resolution</c>): a file written there with an exact time comes back a little different, and compared
/// exactly, every file a run wrote would look changed on the next run (copied back, or a conflict when
/// edited meanwhile).
/// </summary>
internal static class TimestampProbe
{
    // An odd second with every sub-second digit set, so that each of the roundings shows.
    private static readonly DateTime Written = new DateTime(2001, 2, 3, 4, 5, 7, DateTimeKind.Utc).AddTicks(1_234_567);

    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromTicks(1), TimeSpan.FromMicroseconds(1), TimeSpan.FromMilliseconds(1),
        TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
    ];

    /// <summary>
    /// Writes an empty probe file under a temporary name (which scans skip), reads its time back and
    /// removes it; the step is the finest of 100 ns, 1 µs, 1 ms, 10 ms, 1 s and 2 s that covers the
    /// difference. A store the probe cannot write to answers 100 ns: the run's own writes report the problem.
    /// </summary>
    public static async Task<TimeSpan> MeasureAsync(IFileStore store, TempNames temps, CancellationToken ct)
    {
        var path = temps.For("probe");
        try
        {
            await store.WriteFileAsync(path, Stream.Null, 0, Written, replace: null, ct);
            var kept = (await store.StatAsync(path, ct))?.ModifiedUtc ?? Written;
            var off = (kept - Written).Duration();
            return Steps.FirstOrDefault(step => off < step, Steps[^1]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Steps[0];
        }
        finally
        {
            try
            {
                await store.DeleteFileAsync(path, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // never written, or the connection is gone: a leftover temporary name is skipped by scans
            }
        }
    }
}
