using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Serialization;
using SmbSyncCluster.Sync.Jobs.Events;

namespace SmbSyncCluster.Cluster.Hosting;

/// <summary>Akka.Hosting wiring for the jobs' journal.</summary>
public static class JobJournalExtensions
{
    /// <summary>
    /// Journal and snapshot store in a SQLite file (tables created on first use), with job events written
    /// by <see cref="JobSerializer"/> under stable manifests.
    /// </summary>
    public static AkkaConfigurationBuilder WithSqliteJobJournal(this AkkaConfigurationBuilder builder, string databasePath) =>
        builder
            .WithSqlPersistence(connectionString: $"Data Source={databasePath}", providerName: ProviderName.SQLiteMS, autoInitialize: true)
            .WithCustomSerializer("smbsync-jobs", [typeof(IJobEvent), typeof(JobSnapshot)], system => new JobSerializer(system));
}
