using Microsoft.Extensions.Time.Testing;
using SmbSyncCluster.Sync.Limits;

namespace SmbSyncCluster.Sync.Tests.Limits;

public sealed class TokenBucketTests
{
    private const long Rate = 1 << 20;

    [Fact]
    public void A_fresh_bucket_holds_nothing_so_the_first_bytes_already_wait_their_time()
    {
        var bucket = new TokenBucket(new FakeTimeProvider());

        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.Take(Rate / 2, Rate));
    }

    [Fact]
    public void Takes_that_wait_what_they_are_told_move_at_the_rate_whatever_the_chunk_size()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(clock);
        var start = clock.GetUtcNow();
        long moved = 0;
        foreach (var chunk in Enumerable.Repeat(new[] { 1000, 64 * 1024, 7, 300_000 }, 50).SelectMany(c => c))
        {
            clock.Advance(bucket.Take(chunk, Rate));
            moved += chunk;
        }
        var seconds = (clock.GetUtcNow() - start).TotalSeconds;

        // Debts under the least wait are carried, never forgiven: only the last one may be left unpaid.
        Assert.InRange(moved / seconds, Rate * 0.99, Rate * 1.0 / (1 - (TokenBucket.LeastWait.TotalSeconds / seconds)));
    }

    [Fact]
    public void Concurrent_takers_queue_behind_each_other()
    {
        var bucket = new TokenBucket(new FakeTimeProvider());

        var first = bucket.Take(Rate / 4, Rate);
        var second = bucket.Take(Rate / 4, Rate);

        Assert.Equal(TimeSpan.FromSeconds(0.25), first);
        Assert.Equal(TimeSpan.FromSeconds(0.5), second);
    }

    [Fact]
    public void An_idle_bucket_saves_only_a_short_burst()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(clock);
        clock.Advance(bucket.Take(Rate, Rate));
        clock.Advance(TimeSpan.FromMinutes(10));

        var burst = (long)(Rate * TokenBucket.BurstTime.TotalSeconds);

        Assert.Equal(TimeSpan.Zero, bucket.Take(burst, Rate));
        Assert.Equal(0.5, bucket.Take(Rate / 2, Rate).TotalSeconds, 4);
    }

    [Fact]
    public void Small_debts_are_carried_to_the_next_take_rather_than_waited_for()
    {
        var bucket = new TokenBucket(new FakeTimeProvider());
        var small = (long)(Rate * TokenBucket.LeastWait.TotalSeconds * 0.6);

        Assert.Equal(TimeSpan.Zero, bucket.Take(small, Rate));
        Assert.Equal(small * 2.0 / Rate, bucket.Take(small, Rate).TotalSeconds, 6);
    }

    [Fact]
    public void No_limit_waits_for_nothing_and_a_limit_coming_back_starts_from_an_empty_bucket()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(clock);

        Assert.Equal(TimeSpan.Zero, bucket.Take(1L << 30, null));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, bucket.Take(1L << 30, null));
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.Take(Rate, Rate));
    }

    [Fact]
    public void A_new_rate_applies_from_the_next_take_and_a_debt_is_paid_at_the_rate_it_was_run_up_under()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(clock);

        clock.Advance(bucket.Take(Rate, Rate));
        var faster = bucket.Take(Rate, 4 * Rate);
        clock.Advance(TimeSpan.FromSeconds(0.125));
        var slower = bucket.Take(Rate / 2, Rate);

        Assert.Equal(TimeSpan.FromSeconds(0.25), faster);
        Assert.Equal(TimeSpan.FromSeconds(0.5 + 0.5), slower); // half the debt left after an eighth of a second at 4M, then the new half
    }
}
