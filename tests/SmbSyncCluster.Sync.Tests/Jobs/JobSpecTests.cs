using System.Text.Json;
using System.Text.Json.Nodes;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Tests.Jobs;

public sealed class JobSpecTests
{
    private static readonly JobSpec Valid = new() { Id = "team-docs", LocalPath = "/srv/docs", Remote = "smb://CORP;svc@nas/team/docs" };

    [Fact]
    public void A_complete_spec_is_valid_and_parses_its_enums()
    {
        var problems = new List<JobSpecError>();
        var spec = Read("""{"id":"team-docs","localPath":"/srv/docs","remote":"smb://CORP;svc@nas/team/docs","mode":"upload","conflict":"newer","workers":16,"exclude":["*.tmp"],"intervalSeconds":300,"credential":"nas-svc"}""", problems);

        Assert.Empty(spec.Validate(problems));
        Assert.Equal((SyncMode.Upload, ConflictPolicy.Newer), (spec.Mode, spec.Conflict));
    }

    [Theory]
    [InlineData("/srv/docs", "/mnt/csi/share")]
    [InlineData("/srv/docs", "/srv/docs2")]
    [InlineData("/srv/docs2/", "/srv/docs")]
    public void A_local_to_local_job_is_valid(string local, string remote) => Assert.Empty((Valid with { LocalPath = local, Remote = remote }).Validate());

    [Theory]
    [InlineData("/srv/docs/a", "/srv/docs")]
    [InlineData("/srv/docs", "/srv/docs/backup/")]
    [InlineData("/srv/docs/", "/srv/docs")]
    [InlineData("/srv/docs/x/..", "/srv/docs")]
    public void Local_directories_inside_one_another_are_refused(string local, string remote) =>
        Assert.Contains("overlaps", Assert.Single((Valid with { LocalPath = local, Remote = remote }).Validate(), e => e.Field == "remote").Reason, StringComparison.Ordinal);

    public static TheoryData<JobSpec, string> Invalid => new()
    {
        { Valid with { Id = "" }, "id" },
        { Valid with { Id = "has space" }, "id" },
        { Valid with { Id = new string('a', 65) }, "id" },
        { Valid with { LocalPath = "" }, "localPath" },
        { Valid with { LocalPath = "relative/dir" }, "localPath" },
        { Valid with { Remote = "" }, "remote" },
        { Valid with { Remote = "relative" }, "remote" },
        { Valid with { Remote = "smb://nas" }, "remote" },
        { Valid with { Remote = "smb://u:pw@nas/share" }, "remote" },
        { Valid with { Workers = 0 }, "workers" },
        { Valid with { Workers = -3 }, "workers" },
        { Valid with { Workers = 65 }, "workers" },
        { Valid with { KeepVersionsDays = -1 }, "keepVersionsDays" },
        { Valid with { KeepVersionsDays = JobSpec.MaxKeepVersionsDays + 1 }, "keepVersionsDays" },
        { Valid with { IntervalSeconds = 1 }, "intervalSeconds" },
        { Valid with { BandwidthLimit = "fast" }, "bandwidthLimit" },
        { Valid with { BandwidthLimit = "08:00,1M 08:00,off" }, "bandwidthLimit" },
        { Valid with { Credential = "../etc/shadow" }, "credential" },
        { Valid with { Exclude = [""] }, "exclude/include" },
        { Valid with { LocalPath = "/srv/a\0b" }, "localPath" },
        { Valid with { Remote = "/srv/a\0b" }, "remote" },
        { Valid with { Remote = "smb://svc@nas/share/a\0b" }, "remote" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_bad_field_is_named(JobSpec spec, string field) =>
        Assert.Equal(field, Assert.Single(spec.Validate()).Field);

    [Theory]
    [InlineData("mode", "sideways")]
    [InlineData("conflict", "coin-flip")]
    public void A_bad_name_is_a_problem_of_its_field(string field, string name)
    {
        var problems = new List<JobSpecError>();
        var spec = Read($$"""{"id":"team-docs","localPath":"/srv/docs","remote":"smb://CORP;svc@nas/team/docs","{{field}}":"{{name}}"}""", problems);

        Assert.Equal(field, Assert.Single(spec.Validate(problems)).Field);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problems = new List<JobSpecError>();
        var spec = Read("""{"id":"","localPath":"","remote":"","mode":"x","workers":0}""", problems);

        Assert.Equal(["id", "localPath", "remote", "mode", "workers"], spec.Validate(problems).Select(e => e.Field));
    }

    [Theory]
    [InlineData("mode", "\"sideways\"", "'sideways' is not one of mirror, upload, download")]
    [InlineData("mode", "null", "'' is not one of mirror, upload, download")]
    [InlineData("conflict", "\"Keep-Both\"", "'Keep-Both' is not one of keep-both, newer, local, remote, skip")]
    public void A_name_is_read_exactly_and_a_wrong_one_listed_with_the_right_ones(string field, string json, string reason)
    {
        var problems = new List<JobSpecError>();
        var spec = Read($$"""{"id":"team-docs","localPath":"/srv/docs","remote":"/srv/copy","{{field}}":{{json}}}""", problems);

        Assert.Equal(new JobSpecError(field, reason), Assert.Single(problems));
        Assert.Equal((JobDefaults.Mode, JobDefaults.Conflict), (spec.Mode, spec.Conflict));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("{}")]
    public void A_mode_that_is_no_name_has_the_wrong_type(string json) =>
        Assert.Throws<JsonException>(() => Read($$"""{"id":"team-docs","localPath":"/srv/docs","remote":"/srv/copy","mode":{{json}}}""", []));

    private static JobSpec Read(string json, List<JobSpecError> problems) =>
        JobSpecReader.Read(JsonNode.Parse(json)!.AsObject(), new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { WireNames.Converter() } }, problems);

    [Fact]
    public void The_cli_may_carry_a_password_in_the_url_but_it_never_prints()
    {
        var spec = Valid with { Remote = "smb://u:hunter2@nas/share" };

        Assert.Empty(spec.Validate(allowPasswordInUrl: true));
        Assert.DoesNotContain("hunter2", spec.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", spec.Masked().Remote, StringComparison.Ordinal);
    }
}
