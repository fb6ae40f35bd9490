using SmbSyncCluster.Sync.Limits;

namespace SmbSyncCluster.Sync.Tests.Limits;

public sealed class BandwidthScheduleTests
{
    // 2026-12-07 is a Monday.
    private static DateTime At(int day, int hour, int minute = 0) => new(2026, 12, 7 + day, hour, minute, 0, DateTimeKind.Local);

    [Theory]
    [InlineData("4M", 4L << 20)]
    [InlineData("512K", 512L << 10)]
    [InlineData("512k", 512L << 10)]
    [InlineData("1G", 1L << 30)]
    [InlineData("2048B", 2048L)]
    [InlineData("100", 100L << 10)] // rclone: a bare number is KiB/s
    [InlineData("1.5M", 3L << 19)]
    public void A_rate_is_bytes_per_second_in_binary_multiples_as_rclone_reads_it(string text, long bytesPerSecond)
    {
        Assert.Equal(bytesPerSecond, BandwidthSchedule.Parse(text).RateAt(At(0, 12)));
    }

    [Fact]
    public void Off_is_no_limit()
    {
        var off = BandwidthSchedule.Parse("off");

        Assert.Null(off.RateAt(At(3, 3)));
        Assert.True(off.IsOff);
        Assert.False(BandwidthSchedule.Parse("1M").IsOff);
    }

    [Fact]
    public void A_timetable_entry_holds_until_the_next_and_the_last_one_wraps_to_the_first()
    {
        var schedule = BandwidthSchedule.Parse("08:00,1M 19:00,off");

        Assert.Equal(1L << 20, schedule.RateAt(At(0, 8)));
        Assert.Equal(1L << 20, schedule.RateAt(At(0, 18, 59)));
        Assert.Null(schedule.RateAt(At(0, 19)));
        Assert.Null(schedule.RateAt(At(1, 7, 59))); // last night's off still holds
        Assert.Null(schedule.RateAt(At(6, 3))); // and on Sunday morning, the week's first minutes
    }

    [Fact]
    public void A_single_timetable_entry_holds_all_the_time()
    {
        var schedule = BandwidthSchedule.Parse("08:00,512K");

        Assert.Equal(512L << 10, schedule.RateAt(At(2, 3)));
        Assert.Equal(512L << 10, schedule.RateAt(At(2, 9)));
    }

    [Fact]
    public void Entries_with_a_day_hold_from_that_day_on_until_the_next_entry_of_the_week()
    {
        var schedule = BandwidthSchedule.Parse("Mon-08:00,1M Sat-00:00,off");

        Assert.Null(schedule.RateAt(At(0, 7))); // Monday before 08:00: the weekend's off
        Assert.Equal(1L << 20, schedule.RateAt(At(0, 8)));
        Assert.Equal(1L << 20, schedule.RateAt(At(3, 23))); // Thursday
        Assert.Null(schedule.RateAt(At(5, 12))); // Saturday
        Assert.Null(schedule.RateAt(At(6, 23, 59))); // Sunday
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("fast", "not a rate")]
    [InlineData("4X", "unknown unit 'X'")]
    [InlineData("-1M", "not a rate")]
    [InlineData("0", "below the slowest limit")]
    [InlineData("100B", "below the slowest limit")]
    [InlineData("10M:1M", "upload:download")]
    [InlineData("08:00 1M", "[DAY-]HH:MM,RATE")]
    [InlineData("25:00,1M", "HH:MM")]
    [InlineData("8:00,1M", "HH:MM")]
    [InlineData("Xyz-08:00,1M", "the day is one of")]
    [InlineData("08:00,1M 08:00,2M", "already has an entry")]
    [InlineData("08:00,lots", "unknown unit 's'")]
    public void A_malformed_limit_is_refused_saying_what_is_wrong(string text, string reason)
    {
        Assert.False(BandwidthSchedule.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }
}
