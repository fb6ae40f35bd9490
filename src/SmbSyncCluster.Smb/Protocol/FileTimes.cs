namespace SmbSyncCluster.Smb.Protocol;

/// <summary>FILETIME conversions: 100 ns ticks since 1601-01-01 UTC ([MS-DTYP] 2.3.3).</summary>
internal static class FileTimes
{
    public static DateTime ToUtc(long fileTime) =>
        fileTime <= 0 || fileTime > DateTime.MaxValue.ToFileTimeUtc() ? DateTime.MinValue : DateTime.FromFileTimeUtc(fileTime);

    public static long FromUtc(DateTime time) => time.ToUniversalTime().ToFileTimeUtc();
}
