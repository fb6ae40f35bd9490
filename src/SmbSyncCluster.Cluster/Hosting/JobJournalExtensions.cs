using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using SmbSyncCluster.Cluster.Jobs;
using SmbSyncCluster.Cluster.Serialization;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Cluster.Hosting;

/// <summary>Akka.Hosting wiring for the jobs' journal.</summary>
public static class JobJournalExtensions
{
    /// <summary>
    /// Journal and snapshot store in a SQLite file (tables created on first use), with job events written
    /// by <see cref="JobSerializer"/> under stable manifests; <paramref name="journal"/> may add, e.g., a health check.
    /// </summary>
    public static AkkaConfigurationBuilder WithSqliteJobJournal(this AkkaConfigurationBuilder builder, string databasePath, Action<AkkaPersistenceJournalBuilder>? journal = null) =>
        builder
            .WithSqlPersistence(connectionString: $"Data Source={databasePath}", providerName: ProviderName.SQLiteMS, autoInitialize: true, journalBuilder: journal)
            .WithJobSerializer();

    /// <summary>Journal and snapshot store in PostgreSQL (tables created on first use), for a cluster of nodes.</summary>
    public static AkkaConfigurationBuilder WithPostgresJobJournal(this AkkaConfigurationBuilder builder, string connectionString, Action<AkkaPersistenceJournalBuilder>? journal = null) =>
        builder
            .WithSqlPersistence(connectionString: connectionString, providerName: ProviderName.PostgreSQL15, autoInitialize: true, journalBuilder: journal)
            .WithJobSerializer();

    private static AkkaConfigurationBuilder WithJobSerializer(this AkkaConfigurationBuilder builder) =>
        builder
            .WithCustomSerializer("smbsync-jobs", [typeof(IJobEvent), typeof(JobSnapshot)], system => new JobSerializer(system))
            .WithContractSerializer();

    /// <summary>Binds the contract messages (commands, queries, replies) to <see cref="ContractSerializer"/>.</summary>
    public static AkkaConfigurationBuilder WithContractSerializer(this AkkaConfigurationBuilder builder) =>
        builder.WithCustomSerializer("smbsync-contracts", ContractMessages.Codec.Types, system => new ContractSerializer(system));
}
