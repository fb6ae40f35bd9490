using Microsoft.Extensions.Logging;

namespace SmbSyncCluster.Node.Hosting;

/// <summary>The node's own log lines (source-generated, so that nothing is formatted below the level).</summary>
internal static partial class NodeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "smbsync node starting: {Settings}")]
    public static partial void LogNodeStarting(this ILogger logger, NodeSettings settings);
}
