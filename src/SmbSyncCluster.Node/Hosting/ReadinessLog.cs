using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace SmbSyncCluster.Node.Hosting;

/// <summary>
/// Logs the node's readiness when it changes, instead of ASP.NET Core's error line for every probe that
/// finds it not ready: a joining member is not ready for seconds, and the probes of kubelet and of
/// scripts waiting for it made a dozen error lines of a normal start. Not ready once it was, or not
/// ready long after start (a journal that does not answer, a cluster that cannot be joined), is a warning
/// naming the checks that fail.
/// </summary>
internal sealed partial class ReadinessLog(ILogger<ReadinessLog> logger, TimeProvider clock) : IHealthCheckPublisher
{
    /// <summary>How long a start may take before not being ready is worth a warning.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(60);

    private readonly DateTimeOffset _started = clock.GetUtcNow();
    private bool _wasReady;
    private bool _warnedNotReady;

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ready = report.Status == HealthStatus.Healthy;
        if (ready && !_wasReady)
        {
            LogReady(logger);
            _warnedNotReady = false;
        }
        else if (!ready && (_wasReady || (!_warnedNotReady && clock.GetUtcNow() - _started > StartGrace)))
        {
            LogNotReady(logger, string.Join("; ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
                .Select(e => $"{e.Key}: {e.Value.Status}{(e.Value.Description is { } d ? " (" + d + ")" : "")}")));
            _warnedNotReady = true;
        }
        _wasReady = ready;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "node ready: an Up member of the cluster, its journal answering")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node not ready: {Checks}")]
    private static partial void LogNotReady(ILogger logger, string checks);
}
