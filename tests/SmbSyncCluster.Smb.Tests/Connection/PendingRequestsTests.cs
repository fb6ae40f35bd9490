using SmbSyncCluster.Smb.Connection;
using SmbSyncCluster.Smb.Protocol;

namespace SmbSyncCluster.Smb.Tests.Connection;

public sealed class PendingRequestsTests
{
    private static PendingRequest Request(Smb2Command command = Smb2Command.Read) => new(command, null, signed: false, encrypted: false);

    [Fact]
    public void Message_ids_advance_by_each_requests_charge()
    {
        var table = new PendingRequests();

        var ids = new[] { table.Register(Request(), 1), table.Register(Request(), 4), table.Register(Request(), 1) };

        Assert.Equal([0UL, 1UL, 5UL], ids);
        Assert.Equal(3, table.Count);
    }

    [Fact]
    public void A_request_is_found_by_its_id_until_removed()
    {
        var table = new PendingRequests();
        var request = Request();
        var id = table.Register(request, 1);

        Assert.True(table.TryGet(id, out var found));
        Assert.Same(request, found);
        Assert.True(table.Remove(id));
        Assert.False(table.Remove(id));
        Assert.False(table.TryGet(id, out _));
    }

    [Fact]
    public async Task Failing_all_fails_every_waiting_request_and_empties_the_table()
    {
        var table = new PendingRequests();
        var first = Request();
        var second = Request();
        table.Register(first, 1);
        table.Register(second, 2);
        var failure = new IOException("gone");

        table.FailAll(failure);

        Assert.Same(failure, await Assert.ThrowsAsync<IOException>(() => first.Task));
        Assert.Same(failure, await Assert.ThrowsAsync<IOException>(() => second.Task));
        Assert.Equal(0, table.Count);
    }
}
