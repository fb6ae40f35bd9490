using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmbSyncCluster.Cluster.Hosting;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>An Akka.Hosting host with the jobs' SQLite journal, quiet below warnings.</summary>
internal static class JobJournalHost
{
    public static async Task<IHost> StartAsync(string database)
    {
        var host = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .ConfigureServices(services => services.AddAkka("jobs-test", (akka, _) => akka
                .ConfigureLoggers(l => l.LogLevel = Akka.Event.LogLevel.WarningLevel)
                .WithSqliteJobJournal(database)))
            .Build();
        await host.StartAsync();
        return host;
    }
}
