using System.IO.Pipelines;
using SmbSyncCluster.Node.Cli.Jobs;

namespace SmbSyncCluster.Node.Tests.Jobs;

public sealed class IdleTimeoutStreamTests
{
    [Fact]
    public async Task Silence_longer_than_the_limit_is_a_lost_connection()
    {
        var pipe = new Pipe();
        await using var stream = new IdleTimeoutStream(pipe.Reader.AsStream(), TimeSpan.FromMilliseconds(200));
        await pipe.Writer.WriteAsync(": keep-alive\n\n"u8.ToArray());

        var first = await stream.ReadAsync(new byte[64]);
        var silence = await Assert.ThrowsAsync<IOException>(async () => Assert.Fail($"read {await stream.ReadAsync(new byte[64])} bytes"));

        Assert.Equal(14, first);
        Assert.Contains("nothing arrived", silence.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_own_cancellation_stays_a_cancellation()
    {
        var pipe = new Pipe();
        await using var stream = new IdleTimeoutStream(pipe.Reader.AsStream(), TimeSpan.FromMinutes(1));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => Assert.Fail($"read {await stream.ReadAsync(new byte[64], stop.Token)} bytes"));
    }
}
