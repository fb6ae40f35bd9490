using Akka.Actor;
using SmbSyncCluster.Sync.Limits;

namespace SmbSyncCluster.Cluster.Limits;

/// <summary>
/// The cluster's one gate to its SMB servers (a cluster singleton): leases transfer slots to the runs' executors,
/// at most each server's limit at once whatever the jobs and nodes, the jobs of a server served in turn
/// (<see cref="ServerSlots{THolder}"/>). It watches every executor holding or awaiting a slot, so an executor
/// that stops, or whose node is lost, gives its slots back. Limits set over HTTP live as long as the singleton:
/// a new oldest member starts from the defaults (and without the leases in flight, which run to their end).
/// </summary>
public sealed class ServerGate : ReceiveActor
{
    /// <summary>
    /// Transfers at once against one server when no limit was set: two jobs at the default worker count, which
    /// keeps a server shared by many jobs from serving hundreds of transfers at once.
    /// </summary>
    public const int DefaultLimit = 16;

    private readonly Dictionary<string, ServerSlots<IActorRef>> _servers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _limits = new(StringComparer.Ordinal);
    private readonly HashSet<IActorRef> _watched = [];

    /// <summary>Creates the gate.</summary>
    public ServerGate()
    {
        Receive<AcquireSlot>(acquire =>
        {
            if (_watched.Add(Sender))
            {
                Context.Watch(Sender);
            }
            Announce(acquire.Server, Slots(acquire.Server).Request(Sender, acquire.Lease, acquire.JobId));
        });
        Receive<ReleaseSlot>(release =>
        {
            if (_servers.TryGetValue(Key(release.Server), out var slots))
            {
                Announce(release.Server, slots.Release(Sender, release.Lease));
            }
        });
        Receive<Terminated>(gone =>
        {
            _watched.Remove(gone.ActorRef);
            foreach (var (server, slots) in _servers.ToList())
            {
                Announce(server, slots.ReleaseHolder(gone.ActorRef));
            }
        });
        Receive<SetServerLimit>(set =>
        {
            var server = Key(set.Server);
            _limits[server] = set.Limit;
            Announce(server, Slots(server).SetLimit(set.Limit));
            Sender.Tell(View(server));
        });
        Receive<GetServerLimits>(get => Sender.Tell(new ServerLimitList(
            [.. _servers.Keys.Union(_limits.Keys).Where(s => get.Server is null || s == Key(get.Server)).Order(StringComparer.Ordinal).Select(View)])));
    }

    /// <summary>The props of the gate.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new ServerGate());

    /// <summary>A server's name as the gate keys it: host names compared as DNS does (any case, a trailing dot or not).</summary>
    public static string Key(string server) => server.Trim().TrimEnd('.').ToLowerInvariant();

    private ServerSlots<IActorRef> Slots(string server)
    {
        var key = Key(server);
        if (!_servers.TryGetValue(key, out var slots))
        {
            _servers[key] = slots = new ServerSlots<IActorRef>(_limits.GetValueOrDefault(key, DefaultLimit));
        }
        return slots;
    }

    private ServerLimitView View(string server)
    {
        var slots = _servers.GetValueOrDefault(server);
        return new ServerLimitView(server, _limits.GetValueOrDefault(server, DefaultLimit), !_limits.ContainsKey(server), slots?.InUse ?? 0, slots?.Waiting ?? 0);
    }

    private void Announce(string server, IReadOnlyList<(IActorRef Holder, long Lease)> granted)
    {
        foreach (var (holder, lease) in granted)
        {
            holder.Tell(new SlotGranted(server, lease));
        }
        var key = Key(server);
        if (_servers.TryGetValue(key, out var slots) && slots.IsIdle && !_limits.ContainsKey(key))
        {
            _servers.Remove(key); // a server no one uses and no one configured is forgotten
        }
    }
}
