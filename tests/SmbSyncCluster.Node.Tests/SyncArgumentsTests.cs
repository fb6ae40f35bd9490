using SmbSyncCluster.Contracts;
using SmbSyncCluster.Node.Cli;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Node.Tests;

public sealed class SyncArgumentsTests
{
    private static readonly string Local = Directory.CreateTempSubdirectory("smbsync-cli-").FullName;

    private static SyncArguments Parse(string[] args, Dictionary<string, string>? env = null) =>
        SyncArguments.Parse(args, name => env is not null && env.TryGetValue(name, out var v) ? v : null);

    [Fact]
    public void Parses_every_option()
    {
        var a = Parse([Local, "smb://CORP;alice@nas:1445/team/docs", "--mode", "download", "--conflict", "remote", "--workers", "3",
            "--exclude", "*.tmp", "--exclude", "cache", "--include", "*.docx", "--max-delete", "20", "--force", "--dry-run",
            "--job", "docs", "--data-dir", "/tmp/x", "--json"]);

        Assert.Equal(("docs", SyncMode.Download, ConflictPolicy.Remote, 3), (a.Spec.Id, a.Spec.Mode, a.Spec.Conflict, a.Spec.Workers));
        Assert.Equal(["*.tmp", "cache"], a.Spec.Exclude);
        Assert.Equal(["*.docx"], a.Spec.Include);
        Assert.Equal((20, true, true, true, "/tmp/x"), (a.MaxDeletePercent, a.Force, a.DryRun, a.Json, a.DataDirectory));
    }

    [Fact]
    public void The_default_job_id_is_stable_for_a_pair_and_ignores_the_password()
    {
        var one = Parse([Local, "smb://u:first@nas/s"]);
        var two = Parse([Local, "smb://u:second@nas/s"]);
        var other = Parse([Local, "smb://u@nas/other"]);

        Assert.Equal(one.Spec.Id, two.Spec.Id);
        Assert.NotEqual(one.Spec.Id, other.Spec.Id);
    }

    [Fact]
    public void A_trailing_slash_names_the_same_job()
    {
        var remote = Directory.CreateTempSubdirectory("smbsync-cli-").FullName;

        var plain = Parse([Local, remote]);
        var slashed = Parse([Local + "/", remote + "/"]);
        var share = Parse([Local + "//", "smb://u@nas/s/docs/"]);

        Assert.Equal((plain.Spec.Id, plain.Spec.LocalPath, plain.Spec.Remote), (slashed.Spec.Id, slashed.Spec.LocalPath, slashed.Spec.Remote));
        Assert.Equal(Parse([Local, "smb://u@nas/s/docs"]).Spec.Id, share.Spec.Id);
    }

    [Fact]
    public void Spellings_of_one_place_name_one_default_job()
    {
        var usual = Parse([Local, "smb://smbuser@nas/share/team"]);

        foreach (var spelling in new[]
        {
            "smb://SMBUSER@NAS/SHARE/team/", "smb://WORKGROUP;smbuser@nas:445/share//team", "smb://nas/sh%61re/team?protection=sign",
            "smb://smbuser:secret@nas/share/team",
        })
        {
            Assert.Equal(usual.Spec.Id, Parse([Local, spelling]).Spec.Id);
        }
        Assert.NotEqual(usual.Spec.Id, Parse([Local, "smb://smbuser@nas/share/Team"]).Spec.Id);
    }

    [Fact]
    public void The_earlier_default_id_is_the_hash_of_the_pair_as_spelled()
    {
        var url = "smb://CORP;smbuser:secret@NAS:1445/share/team";
        var earlier = "sync-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Local + "\n" + "smb://CORP;smbuser:***@NAS:1445/share/team")))[..16];

        var parsed = Parse([Local, url]);

        Assert.Equal(earlier, parsed.EarlierJobId);
        Assert.NotEqual(earlier, parsed.Spec.Id);
        Assert.Null(Parse([Local, url, "--job", "docs"]).EarlierJobId);
    }

    [Fact]
    public void The_password_comes_from_the_url_then_the_file_then_the_environment()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "from-file\n");
        var env = new Dictionary<string, string> { ["SMBSYNC_PASSWORD"] = "from-env" };

        Assert.Equal("in-url", Parse([Local, "smb://u:in-url@nas/s", "--password-file", file], env).Password);
        Assert.Equal("from-file", Parse([Local, "smb://u@nas/s", "--password-file", file], env).Password);
        Assert.Equal("from-env", Parse([Local, "smb://u@nas/s"], env).Password);
        Assert.DoesNotContain("in-url", Parse([Local, "smb://u:in-url@nas/s"]).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("only-one-path")]
    [InlineData("LOCAL smb://nas/s extra")]
    [InlineData("/no/such/dir smb://nas/s")]
    [InlineData("LOCAL smb://nas")]
    [InlineData("LOCAL ftp://nas/s")]
    [InlineData("LOCAL smb://nas/s --mode sideways")]
    [InlineData("LOCAL smb://nas/s --conflict maybe")]
    [InlineData("LOCAL smb://nas/s --workers 0")]
    [InlineData("LOCAL smb://nas/s --workers lots")]
    [InlineData("LOCAL smb://nas/s --max-delete 101")]
    [InlineData("LOCAL smb://nas/s --mode")]
    [InlineData("LOCAL smb://nas/s --job bad/name")]
    [InlineData("LOCAL smb://nas/s --frobnicate")]
    [InlineData("LOCAL smb://nas/s --password-file /no/such/file")]
    public void Bad_usage_is_one_clear_line(string commandLine)
    {
        var args = commandLine.Split(' ').Select(a => a == "LOCAL" ? Local : a).ToArray();

        var e = Assert.Throws<UsageException>(() => Parse(args));

        Assert.DoesNotContain('\n', e.Message);
        Assert.NotEmpty(e.Message);
    }
}
