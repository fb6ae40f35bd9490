using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmbSyncCluster.Cluster.Hosting;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>An Akka.Hosting host with the jobs' SQLite journal, quiet below warnings.</summary>
internal static class JobJournalHost
{
    public static Task<IHost> StartAsync(string sqlitePath) => StartAsync(akka => akka.WithSqliteJobJournal(sqlitePath));

    public static async Task<IHost> StartAsync(Action<AkkaConfigurationBuilder> journal)
    {
        var host = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .ConfigureServices(services => services.AddAkka("jobs-test", (akka, _) =>
            {
                akka.ConfigureLoggers(l => l.LogLevel = Akka.Event.LogLevel.WarningLevel);
                journal(akka.WithRunDispatchers());
            }))
            .Build();
        await host.StartAsync();
        return host;
    }
}
