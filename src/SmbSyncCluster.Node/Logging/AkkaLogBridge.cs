using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Akka.Hosting;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;

namespace SmbSyncCluster.Node.Logging;

/// <summary>
/// Akka's log events into Microsoft.Extensions.Logging (and so Serilog), with the text formatted by Akka
/// itself. Akka's templates number their arguments ("Marking node [{1}] as [{0}]") while
/// Microsoft.Extensions.Logging binds placeholders in the order they appear, so the stock bridge swaps
/// values in such lines (a cluster's "who is unreachable" would name the wrong member).
/// </summary>
internal sealed class AkkaLogBridge : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _factory;

    public AkkaLogBridge()
    {
        _factory = Context.System.Settings.Setup.Get<LoggerFactorySetup>().Value?.LoggerFactory
            ?? throw new InvalidOperationException("the actor system has no logger factory (LoggerFactorySetup)");
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Log);
    }

    private void Log(LogEvent e)
    {
        var level = e.LogLevel() switch
        {
            Akka.Event.LogLevel.DebugLevel => Microsoft.Extensions.Logging.LogLevel.Debug,
            Akka.Event.LogLevel.InfoLevel => Microsoft.Extensions.Logging.LogLevel.Information,
            Akka.Event.LogLevel.WarningLevel => Microsoft.Extensions.Logging.LogLevel.Warning,
            _ => Microsoft.Extensions.Logging.LogLevel.Error,
        };
        // Events logged under a plain string source carry a placeholder class: the source names them better.
        var category = e.LogClass is { } type && type != typeof(DummyClassForStringSources) ? type.FullName! : e.LogSource;
        var logger = _factory.CreateLogger(category);
        if (logger.IsEnabled(level))
        {
            logger.Log(level, default, e.Message?.ToString() ?? "", e.Cause, static (text, _) => text);
        }
    }
}

/// <summary>Akka.Hosting wiring of the bridge.</summary>
internal static class AkkaLogBridgeExtensions
{
    /// <summary>Akka logs at Info and above, through <see cref="AkkaLogBridge"/> only (the host's log configuration decides where).</summary>
    public static AkkaConfigurationBuilder WithAkkaLogBridge(this AkkaConfigurationBuilder builder) => builder.ConfigureLoggers(l =>
    {
        l.LogLevel = Akka.Event.LogLevel.InfoLevel;
        l.ClearLoggers();
        l.AddLogger<AkkaLogBridge>();
    });
}
