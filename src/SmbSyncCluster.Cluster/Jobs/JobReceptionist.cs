using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;

namespace SmbSyncCluster.Cluster.Jobs;

/// <summary>
/// The one door to the jobs for every front: the HTTP routes ask it, and remote ActorSystems reach it
/// through the cluster client receptionist (it is registered as the service <c>/user/jobs</c>). It
/// refuses what is malformed before it reaches sharding (an id that cannot name a job), forwards the
/// rest to the job, whose <see cref="JobState.Decide"/> validates specs and answers the sender itself,
/// and lists jobs from the journal's persistence ids.
/// </summary>
/// <remarks>
/// A listing must not wake every job: an idle job passivates, and a front polled every few seconds
/// would otherwise keep each job (and its base of synced paths) in memory for good. The receptionist
/// keeps the views jobs publish (<see cref="JobViews"/>) and answer, and lists a job from the view it
/// has when <see cref="HeardViews"/> trusts it, asking only the others.
/// </remarks>
public sealed class JobReceptionist : ReceiveActor
{
    /// <summary>How long a heard view of an idle job stands in for asking it (a lost publication heals after this).</summary>
    public static readonly TimeSpan TrustedFor = TimeSpan.FromMinutes(10);

    private readonly HeardViews _heard = new(TrustedFor, TimeProvider.System);

    /// <summary>A job's answer to a listing that began at generation <paramref name="ListedAt"/>.</summary>
    private sealed record Answered(JobView View, long ListedAt);

    /// <summary>The actor's name under /user, which is also its cluster client service path.</summary>
    public const string Name = "jobs";

    /// <summary>How long listing waits for each job.</summary>
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Creates the receptionist in front of <paramref name="jobs"/> (the shard region, or <see cref="LocalJobs"/>).</summary>
    public JobReceptionist(IActorRef jobs)
    {
        Receive<DefineJob>(define => define.Intent == DefineIntent.Create && JobSpecRules.IsName(define.JobId)
            && define.ReadProblems.Count == 0 && define.Spec.Validate().Count == 0, define =>
        {
            _heard.Commanded(define.JobId);
            var sender = Sender;
            _ = CreateUnlessPairTakenAsync(Context.System, jobs, _heard.Trusted(), Self, _heard.Generation, define, sender);
        });
        Receive<JobCommand>(command =>
        {
            if (!JobSpecRules.IsName(command.JobId))
            {
                Sender.Tell(new CommandRefused(command.JobId ?? "", JobRefusal.Invalid, "required: 1 to 64 letters, digits, '.', '_' or '-'", "id"));
                return;
            }
            _heard.Commanded(command.JobId);
            jobs.Forward(command);
        });
        Receive<GetJob>(query => ForwardQuery(jobs, query.JobId, query));
        Receive<GetJobHistory>(query => ForwardQuery(jobs, query.JobId, query));
        Receive<GetJobStatistics>(query => ForwardQuery(jobs, query.JobId, query));
        Receive<SubscribeJob>(subscribe => ForwardQuery(jobs, subscribe.JobId, subscribe));
        Receive<ListJobs>(_ => ListAsync(Context.System, jobs, _heard.Trusted(), Self, _heard.Generation).PipeTo(Sender));
        Receive<JobView>(_heard.Heard);
        Receive<Answered>(answered => _heard.Answered(answered.View, answered.ListedAt));
        Receive<SubscribeAck>(_ => { });
    }

    /// <inheritdoc />
    protected override void PreStart() => JobViews.Mediator(Context.System)?.Tell(new Subscribe(JobViews.Topic, Self));

    /// <summary>The props of the receptionist in front of <paramref name="jobs"/>.</summary>
    public static Props Props(IActorRef jobs) => Akka.Actor.Props.Create(() => new JobReceptionist(jobs));

    private void ForwardQuery(IActorRef jobs, string jobId, object query)
    {
        if (!JobSpecRules.IsName(jobId))
        {
            // Nothing can exist under a malformed id: the same answer as for an unknown job.
            Sender.Tell(new CommandRefused(jobId ?? "", JobRefusal.NotFound, $"job '{jobId}' does not exist"));
            return;
        }
        jobs.Forward(query);
    }

    /// <summary>
    /// Creates the job unless another one already syncs its pair, which is named in the refusal: a second job
    /// would keep a second base of the same two directories, and its first run would bring back what the
    /// other deleted. Best effort across the cluster: the listing is of the jobs known when it was read, so
    /// two creates of one pair racing on two nodes may both pass; a listing that fails lets the create through.
    /// </summary>
    private static async Task CreateUnlessPairTakenAsync(
        ActorSystem system, IActorRef jobs, Dictionary<string, JobView> trusted, IActorRef self, long listedAt, DefineJob define, IActorRef sender)
    {
        string? owner = null;
        try
        {
            var list = await ListAsync(system, jobs, trusted, self, listedAt);
            // Off the actor: the real paths are read from the file system.
            var pair = define.Spec.Pair;
            owner = list.Jobs.FirstOrDefault(v => v.JobId != define.JobId && v.Spec is { } spec && spec.Pair == pair)?.JobId;
        }
        catch (Exception e)
        {
            // Whatever kept the listing or a path from being read (a job slow to answer, the journal, a link
            // loop), the command must be answered: the job itself decides, as without this check.
            system.Log.Warning("Creating job {0} without checking its pair against the others: {1}", define.JobId, e.Message);
        }
        if (owner is not null)
        {
            sender.Tell(new CommandRefused(define.JobId, JobRefusal.PairTaken, $"the pair is already synced by job '{owner}'"));
            return;
        }
        jobs.Tell(define, sender);
    }

    /// <summary>
    /// Every job the journal knows of, from a trusted view or asked for it (the answers go to
    /// <paramref name="self"/>, to stand in next time); deleted ones are left out.
    /// </summary>
    private static async Task<JobList> ListAsync(ActorSystem system, IActorRef jobs, Dictionary<string, JobView> trusted, IActorRef self, long listedAt)
    {
        var ids = await PersistenceQuery.Get(system)
            .ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
            .CurrentPersistenceIds()
            .Where(id => id.StartsWith(JobActor.PersistencePrefix, StringComparison.Ordinal))
            .RunWith(Sink.Seq<string>(), system.Materializer());
        var views = await Task.WhenAll(ids.Select(id => id[JobActor.PersistencePrefix.Length..]).Select(async jobId =>
        {
            if (trusted.TryGetValue(jobId, out var known))
            {
                return known;
            }
            var asked = await jobs.Ask<JobView>(new GetJob(jobId), ListTimeout);
            self.Tell(new Answered(asked, listedAt));
            return asked;
        }));
        return new JobList([.. views.Where(v => v.Spec is not null).OrderBy(v => v.JobId, StringComparer.Ordinal)]);
    }
}
