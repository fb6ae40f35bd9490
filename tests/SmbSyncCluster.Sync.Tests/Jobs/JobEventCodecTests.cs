using System.Text;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Tests.Jobs;

/// <summary>
/// Events written by this version (the files in Golden/, one per manifest) must load in every later
/// version, and today's encoder must still write exactly them: a change of shape needs a new manifest.
/// </summary>
public sealed class JobEventCodecTests
{
    private static string Golden(string manifest) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Jobs", "Golden", manifest + ".json"));

    public static TheoryData<string> Manifests => [.. SampleEvents.All().Select(JobEventCodec.ManifestOf)];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Stored_events_of_this_version_still_load(string manifest)
    {
        var expected = SampleEvents.All().Single(e => JobEventCodec.ManifestOf(e) == manifest);

        var loaded = JobEventCodec.Decode(Encoding.UTF8.GetBytes(Golden(manifest)), manifest);

        Assert.Equal(expected.GetType(), loaded.GetType());
        Assert.Equal(Golden(manifest), Encoding.UTF8.GetString(JobEventCodec.Encode(loaded)));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void The_encoder_writes_exactly_the_stored_form(string manifest) =>
        Assert.Equal(Golden(manifest), Encoding.UTF8.GetString(JobEventCodec.Encode(SampleEvents.All().Single(e => JobEventCodec.ManifestOf(e) == manifest))));

    [Fact]
    public void A_definition_carries_its_time_once_known()
    {
        var at = new DateTimeOffset(2026, 11, 25, 20, 1, 2, TimeSpan.Zero);
        var dated = new JobDefined("docs", SampleEvents.Spec, at);

        var json = Encoding.UTF8.GetString(JobEventCodec.Encode(dated));
        var loaded = Assert.IsType<JobDefined>(JobEventCodec.Decode(Encoding.UTF8.GetBytes(json), "JobDefined.v1"));

        Assert.EndsWith(""","at":"2026-11-25T20:01:02+00:00"}""", json, StringComparison.Ordinal);
        Assert.Equal(at, loaded.At);
    }

    [Fact]
    public void Kept_versions_are_stored_only_when_not_the_default_and_older_specs_keep_them_30_days()
    {
        const string manifest = "JobDefined.v1";
        var stored = Golden("JobDefined.v1.keep-versions");

        var loaded = Assert.IsType<JobDefined>(JobEventCodec.Decode(Encoding.UTF8.GetBytes(stored), manifest));
        var old = Assert.IsType<JobDefined>(JobEventCodec.Decode(Encoding.UTF8.GetBytes(Golden(manifest)), manifest));
        var atDefault = Encoding.UTF8.GetString(JobEventCodec.Encode(new JobDefined("docs", SampleEvents.Spec with { KeepVersionsDays = 30 }, null)));

        Assert.Equal(0, loaded.Spec.KeepVersionsDays);
        Assert.Equal(stored, Encoding.UTF8.GetString(JobEventCodec.Encode(new JobDefined("docs", SampleEvents.Spec with { KeepVersionsDays = 0 }, null))));
        Assert.Equal(JobDefaults.KeepVersionsDays, old.Spec.KeepVersionsDays);
        Assert.Equal(Golden(manifest), atDefault);
    }

    [Fact]
    public void Checksum_mode_is_stored_only_when_on()
    {
        var on = new JobDefined("docs", SampleEvents.Spec with { Checksum = true }, null);

        var json = Encoding.UTF8.GetString(JobEventCodec.Encode(on));
        var loaded = Assert.IsType<JobDefined>(JobEventCodec.Decode(Encoding.UTF8.GetBytes(json), "JobDefined.v1"));

        Assert.Contains("\"checksum\":true", json, StringComparison.Ordinal);
        Assert.True(loaded.Spec.Checksum);
        Assert.DoesNotContain("checksum", Golden("JobDefined.v1"), StringComparison.Ordinal);
        Assert.False(Assert.IsType<JobDefined>(JobEventCodec.Decode(Encoding.UTF8.GetBytes(Golden("JobDefined.v1")), "JobDefined.v1")).Spec.Checksum);
    }

    [Fact]
    public void A_bandwidth_limit_is_stored_only_when_set_and_a_job_stored_without_it_has_none()
    {
        var limited = new JobDefined("docs", SampleEvents.Spec with { BandwidthLimit = "08:00,1M 19:00,off" }, null);
        var golden = Golden("JobDefined.bandwidth-limit.v1");

        var loaded = Assert.IsType<JobDefined>(JobEventCodec.Decode(Encoding.UTF8.GetBytes(golden), "JobDefined.v1"));

        Assert.Equal(golden, Encoding.UTF8.GetString(JobEventCodec.Encode(limited)));
        Assert.Equal("08:00,1M 19:00,off", loaded.Spec.BandwidthLimit);
        Assert.DoesNotContain("bandwidthLimit", Golden("JobDefined.v1"), StringComparison.Ordinal);
        Assert.Null(Assert.IsType<JobDefined>(JobEventCodec.Decode(Encoding.UTF8.GetBytes(Golden("JobDefined.v1")), "JobDefined.v1")).Spec.BandwidthLimit);
    }

    [Fact]
    public void Name_encoding_is_stored_only_when_set_and_a_job_stored_without_it_encodes()
    {
        var off = new JobDefined("docs", SampleEvents.Spec with { EncodeNames = false }, null);
        var golden = Golden("JobDefined.encode-names-off.v1");

        var loaded = Assert.IsType<JobDefined>(JobEventCodec.Decode(Encoding.UTF8.GetBytes(golden), "JobDefined.v1"));

        Assert.Equal(golden, Encoding.UTF8.GetString(JobEventCodec.Encode(off)));
        Assert.False(loaded.Spec.EncodeNames);
        Assert.Equal(golden, Encoding.UTF8.GetString(JobEventCodec.Encode(loaded)));
        Assert.DoesNotContain("encodeNames", Golden("JobDefined.v1"), StringComparison.Ordinal);
        Assert.Null(Assert.IsType<JobDefined>(JobEventCodec.Decode(Encoding.UTF8.GetBytes(Golden("JobDefined.v1")), "JobDefined.v1")).Spec.EncodeNames);
    }

    [Fact]
    public void Loaded_events_rebuild_the_same_state()
    {
        var direct = new JobState();
        var replayed = new JobState();
        foreach (var e in SampleEvents.All().SkipLast(1))
        {
            direct.Apply(e);
            replayed.Apply(JobEventCodec.Decode(JobEventCodec.Encode(e), JobEventCodec.ManifestOf(e)));
        }

        Assert.Equal(direct.Base.OrderBy(p => p.Key, StringComparer.Ordinal), replayed.Base.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(direct.Spec!.ToString(), replayed.Spec!.ToString());
        Assert.Equal(direct.Spec.Exclude, replayed.Spec.Exclude);
        Assert.Equal(direct.History.Single().Outcome, replayed.History.Single().Outcome);
        Assert.Equal(JobStatus.Failed, replayed.Status);
    }

    [Theory]
    [InlineData("JobDefined.v1", "\"mode\":\"upload\"", "\"mode\":\"sideways\"")]
    [InlineData("JobDefined.v1", "\"conflict\":\"newer\"", "\"conflict\":1")]
    [InlineData("RunFinished.v1", "\"outcome\":\"failed\"", "\"outcome\":\"paused-forever\"")]
    [InlineData("ItemsFailed.v1", "\"kind\":\"item\"", "\"kind\":\"\"")]
    [InlineData("ItemsFailed.v1", "\"action\":\"upload\"", "\"action\":\"teleport\"")]
    public void A_name_this_version_does_not_know_is_a_format_error_not_another_value(string manifest, string stored, string later)
    {
        var golden = Golden(manifest);
        Assert.Contains(stored, golden, StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => JobEventCodec.Decode(Encoding.UTF8.GetBytes(golden.Replace(stored, later, StringComparison.Ordinal)), manifest));
    }

    [Theory]
    [InlineData("NoSuchEvent.v1", "{}")]
    [InlineData("ItemsSynced.v1", "{not json")]
    [InlineData("RunStarted.v1", "null")]
    public void Unknown_or_broken_rows_are_a_format_error(string manifest, string json) =>
        Assert.Throws<FormatException>(() => JobEventCodec.Decode(Encoding.UTF8.GetBytes(json), manifest));
}
