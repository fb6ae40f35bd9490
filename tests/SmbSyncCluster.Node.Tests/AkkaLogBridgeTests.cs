using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Event;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;
using SmbSyncCluster.Node.Logging;

namespace SmbSyncCluster.Node.Tests;

public sealed class AkkaLogBridgeTests
{
    private sealed class Capture : ILoggerProvider, ILogger
    {
        public List<(string Category, string Text)> Lines { get; private init; } = [];

        private string _category = "";

        public ILogger CreateLogger(string categoryName) => new Capture { _category = categoryName, Lines = Lines };

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add((_category, formatter(state, exception)));
            }
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task Numbered_arguments_keep_their_places_and_a_string_source_names_the_line()
    {
        var capture = new Capture();
        using var factory = LoggerFactory.Create(b => b.AddProvider(capture));
        var config = ConfigurationFactory.ParseString($"akka.loggers = [\"{typeof(AkkaLogBridge).AssemblyQualifiedName}\"]\nakka.stdout-loglevel = OFF");
        using var system = ActorSystem.Create("log", ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config), new LoggerFactorySetup(factory)));

        Akka.Event.Logging.GetLogger(system, "Cluster").Info("Marking node [{1}] as [{0}]", "Down", "akka.tcp://smbsync@10.0.0.9:4053");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!capture.Lines.ToArray().Any(l => l.Text.StartsWith("Marking", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        await system.Terminate();

        var line = Assert.Single(capture.Lines.ToArray(), l => l.Text.StartsWith("Marking", StringComparison.Ordinal));
        Assert.Equal(("Cluster (akka://log)", "Marking node [akka.tcp://smbsync@10.0.0.9:4053] as [Down]"), line);
    }
}
