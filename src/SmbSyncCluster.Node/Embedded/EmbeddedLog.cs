using Serilog;
using Serilog.Core;

namespace SmbSyncCluster.Node.Embedded;

/// <summary>
/// The one-shot syncs' log, <c>smbsync.log</c> in the data directory, written by every sync running on
/// it at once: Serilog's shared mode appends whole events across processes. Shared files take no
/// lifecycle hooks (which would keep rolled files private) and rolling by one process would cut the
/// others' file from under them, so rotation is done here, by a sync that has the directory to itself:
/// a full log moves to <c>smbsync.log.1</c> (and that to <c>.2</c>, older ones dropped). Every file is
/// created for its owner only before Serilog opens it.
/// </summary>
internal static class EmbeddedLog
{
    public const string FileName = "smbsync.log";
    private const long RotateAt = 16 * 1024 * 1024;
    private const int Kept = 2;

    /// <summary>Moves a full log aside; only while no other process uses <paramref name="dataDirectory"/>.</summary>
    public static void RotateIfFull(string dataDirectory)
    {
        var log = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(log) || new FileInfo(log).Length < RotateAt)
        {
            return;
        }
        for (var i = Kept; i > 1; i--)
        {
            var older = $"{log}.{i - 1}";
            if (File.Exists(older))
            {
                File.Move(older, $"{log}.{i}", overwrite: true);
            }
        }
        File.Move(log, $"{log}.1", overwrite: true);
    }

    /// <summary>Opens the log of <paramref name="dataDirectory"/> (created owner-only when missing, it and the older ones tightened), shared with the other syncs on it.</summary>
    public static Logger Open(string dataDirectory)
    {
        var log = Path.Combine(dataDirectory, FileName);
        PrivateFiles.PrepareFile(log);
        foreach (var older in Enumerable.Range(1, Kept).Select(i => $"{log}.{i}").Where(File.Exists))
        {
            PrivateFiles.PrepareFile(older);
        }
        return new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.File(log, shared: true)
            .CreateLogger();
    }
}
