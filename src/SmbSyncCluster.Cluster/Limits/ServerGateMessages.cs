using Akka.Actor;

namespace SmbSyncCluster.Cluster.Limits;

/// <summary>Asks the <see cref="ServerGate"/> for a transfer slot on <paramref name="Server"/>; the sender holds it once granted.</summary>
public sealed record AcquireSlot(string Server, string JobId, long Lease);

/// <summary>The slot <paramref name="Lease"/> on <paramref name="Server"/> is the asker's until it releases it (or dies).</summary>
public sealed record SlotGranted(string Server, long Lease);

/// <summary>Gives back a slot, held or still awaited.</summary>
public sealed record ReleaseSlot(string Server, long Lease);

/// <summary>Sets how many transfers may run against <paramref name="Server"/> at once, cluster-wide; answered with its <see cref="ServerLimitView"/>.</summary>
public sealed record SetServerLimit(string Server, int Limit);

/// <summary>Asks for every server's limit and use (or one server's, with <paramref name="Server"/>); answered with a <see cref="ServerLimitList"/>.</summary>
public sealed record GetServerLimits(string? Server = null);

/// <summary>One server: its limit (<paramref name="IsDefault"/> when none was set), the slots held and the requests waiting.</summary>
public sealed record ServerLimitView(string Server, int Limit, bool IsDefault, int InUse, int Waiting);

/// <summary>The servers with a limit set or slots in use or awaited, by name.</summary>
public sealed record ServerLimitList(IReadOnlyList<ServerLimitView> Servers);

/// <summary>Where a run's executor asks for slots: the gate, the server its remote is on, and the job it asks for.</summary>
public sealed record ServerSlotsLink(IActorRef Gate, string Server, string JobId);
