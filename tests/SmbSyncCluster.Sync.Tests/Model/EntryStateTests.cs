using SmbSyncCluster.Sync.Model;
using static SmbSyncCluster.Sync.Tests.Support.Entries;

namespace SmbSyncCluster.Sync.Tests.Model;

public sealed class EntryStateTests
{
    private static readonly long Second = TimeSpan.TicksPerSecond;

    [Fact]
    public void Files_match_on_size_and_time_within_the_tolerance()
    {
        var file = File(10, 100);

        Assert.True(file.SameAs(file with { ModifiedTicks = file.ModifiedTicks + Second }, Second));
        Assert.False(file.SameAs(file with { ModifiedTicks = file.ModifiedTicks + Second + 1 }, Second));
        Assert.False(file.SameAs(file with { ModifiedTicks = file.ModifiedTicks + 1 }, 0));
        Assert.False(file.SameAs(file with { Size = 11 }, Second));
    }

    [Fact]
    public void Directories_match_whatever_their_times_but_never_a_file()
    {
        Assert.True(EntryState.OfDirectory(5).SameAs(EntryState.OfDirectory(9_999_999_999), 0));
        Assert.False(Dir.SameAs(EntryState.OfFile(0, 0), long.MaxValue));
    }

    [Fact]
    public void Stays_24_bytes() => Assert.Equal(24, System.Runtime.CompilerServices.Unsafe.SizeOf<EntryState>());
}
