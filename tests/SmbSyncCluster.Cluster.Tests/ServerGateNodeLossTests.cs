using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using SmbSyncCluster.Cluster.Limits;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>
/// A member holding a slot is killed (its actor system stops without leaving the cluster) and downed: the gate,
/// which watched the holder across the cluster, gives the slot to the job waiting on another member.
/// </summary>
public sealed class ServerGateNodeLossTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly int GatePort = FreePort.Next();

    public ServerGateNodeLossTests()
        : base(Member(GatePort, leavesOnTerminate: true), "gate-test")
    {
    }

    private static Config Member(int port, bool leavesOnTerminate) => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = {{port}} }
        akka.cluster.seed-nodes = ["akka.tcp://gate-test@127.0.0.1:{{GatePort}}"]
        akka.cluster.downing-provider-class = ""
        akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, unreachable-nodes-reaper-interval = 200ms, periodic-tasks-initial-delay = 0s }
        akka.coordinated-shutdown.run-by-actor-system-terminate = {{(leavesOnTerminate ? "on" : "off")}}
        """);

    [Fact]
    public async Task A_killed_member_that_held_a_slot_gives_it_back_once_it_is_downed()
    {
        var gate = Sys.ActorOf(ServerGate.Props(), "gate");
        await gate.Ask<ServerLimitView>(new SetServerLimit("nas", 1), Wait);
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        await AwaitConditionAsync(() => Task.FromResult(cluster.State.Members.Count == 1), Wait);
        var other = ActorSystem.Create("gate-test", Member(FreePort.Next(), leavesOnTerminate: false));
        var otherAddress = Akka.Cluster.Cluster.Get(other).SelfAddress;
        await AwaitConditionAsync(() => Task.FromResult(cluster.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 2), Wait);
        var remoteGate = await other.ActorSelection(gate.Path.ToStringWithAddress(cluster.SelfAddress)).ResolveOne(Wait);
        var granted = CreateTestProbe();
        other.ActorOf(Props.Create(() => new Holder(remoteGate, granted.Ref)), "holder");
        Assert.Equal(1, granted.ExpectMsg<SlotGranted>(Wait).Lease);
        var waiting = CreateTestProbe();

        waiting.Send(gate, new AcquireSlot("nas", "other-job", 2));
        await other.Terminate(); // killed: no leave, the member just goes silent
        cluster.Down(otherAddress);

        Assert.Equal(2, waiting.ExpectMsg<SlotGranted>(Wait).Lease);
    }

    /// <summary>A run's executor on the other member: asks for a slot and reports the grant.</summary>
    private sealed class Holder : ReceiveActor
    {
        public Holder(IActorRef gate, IActorRef report)
        {
            gate.Tell(new AcquireSlot("nas", "job", 1));
            Receive<SlotGranted>(report.Tell);
        }
    }
}
