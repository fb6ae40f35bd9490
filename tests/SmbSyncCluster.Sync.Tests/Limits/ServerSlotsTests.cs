using SmbSyncCluster.Sync.Limits;

namespace SmbSyncCluster.Sync.Tests.Limits;

public sealed class ServerSlotsTests
{
    [Fact]
    public void No_more_than_the_limit_is_held_and_a_release_grants_the_next()
    {
        var slots = new ServerSlots<string>(2);

        var first = slots.Request("a", 1, "job-a").Concat(slots.Request("a", 2, "job-a")).ToList();
        var third = slots.Request("a", 3, "job-a");
        var afterRelease = slots.Release("a", 1);

        Assert.Equal([("a", 1L), ("a", 2L)], first);
        Assert.Empty(third);
        Assert.Equal([("a", 3L)], afterRelease);
        Assert.Equal((2, 0), (slots.InUse, slots.Waiting));
    }

    [Fact]
    public void Jobs_take_turns_however_many_requests_one_of_them_queued_first()
    {
        var slots = new ServerSlots<string>(1);
        slots.Request("busy", 0, "busy");
        for (var i = 1; i <= 5; i++)
        {
            slots.Request("busy", i, "busy");
        }
        slots.Request("small", 1, "small");
        slots.Request("small", 2, "small");

        var order = new List<(string, long)>();
        var holding = ("busy", 0L);
        for (var i = 0; i < 7; i++)
        {
            var next = Assert.Single(slots.Release(holding.Item1, holding.Item2));
            order.Add(next);
            holding = next;
        }

        Assert.Equal([("busy", 1L), ("small", 1L), ("busy", 2L), ("small", 2L), ("busy", 3L), ("busy", 4L), ("busy", 5L)], order);
    }

    [Fact]
    public void A_holder_that_is_gone_gives_back_what_it_held_and_what_it_awaited()
    {
        var slots = new ServerSlots<string>(1);
        slots.Request("dead-node", 1, "a");
        slots.Request("dead-node", 2, "a");
        slots.Request("alive", 1, "b");

        var granted = slots.ReleaseHolder("dead-node");

        Assert.Equal([("alive", 1L)], granted);
        Assert.Equal((1, 0), (slots.InUse, slots.Waiting));
    }

    [Fact]
    public void A_request_given_up_while_waiting_is_never_granted()
    {
        var slots = new ServerSlots<string>(1);
        slots.Request("x", 1, "a");
        slots.Request("y", 1, "b");

        Assert.Empty(slots.Release("y", 1));
        Assert.Empty(slots.Release("x", 1));
        Assert.True(slots.IsIdle);
    }

    [Fact]
    public void A_raised_limit_grants_at_once_and_a_lowered_one_takes_nothing_back()
    {
        var slots = new ServerSlots<string>(1);
        slots.Request("x", 1, "a");
        slots.Request("x", 2, "a");
        slots.Request("x", 3, "a");

        var raised = slots.SetLimit(3);
        var lowered = slots.SetLimit(1);
        var afterOne = slots.Release("x", 1);
        slots.Request("x", 4, "a");

        Assert.Equal([("x", 2L), ("x", 3L)], raised);
        Assert.Empty(lowered);
        Assert.Empty(afterOne);
        Assert.Equal((2, 1), (slots.InUse, slots.Waiting));
        Assert.Throws<ArgumentOutOfRangeException>(() => slots.SetLimit(0));
    }

    [Fact]
    public void A_request_sent_twice_is_one_lease()
    {
        var slots = new ServerSlots<string>(1);

        slots.Request("x", 1, "a");
        Assert.Empty(slots.Request("x", 1, "a"));
        Assert.Equal((1, 0), (slots.InUse, slots.Waiting));
    }
}
