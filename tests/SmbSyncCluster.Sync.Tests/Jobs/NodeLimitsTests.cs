using SmbSyncCluster.Contracts;
using SmbSyncCluster.Sync.Jobs;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Scanning;

namespace SmbSyncCluster.Sync.Tests.Jobs;

public sealed class NodeLimitsTests
{
    private readonly string _root = Directory.CreateTempSubdirectory("smbsync-limits-").FullName;

    private string Dir(string relative) => Directory.CreateDirectory(Path.Combine(_root, relative)).FullName;

    private static JobSpec Spec(string local, string remote = "smb://bob@fs1/share", string? credential = null) =>
        new() { Id = "j", LocalPath = local, Remote = remote, Credential = credential };

    private static string[] Fields(IReadOnlyList<JobSpecError> errors) => [.. errors.Select(e => e.Field)];

    [Fact]
    public void Local_paths_must_lie_under_a_root_as_the_system_resolves_them()
    {
        var limits = new NodeLimits { LocalRoots = [Dir("roots/a")] };
        var outside = Dir("outside");
        var link = Path.Combine(_root, "roots/a/link");
        Directory.CreateSymbolicLink(link, outside);

        Assert.Empty(limits.Check(Spec(Path.Combine(_root, "roots/a/new/not-yet"))));
        Assert.Equal(["localPath"], Fields(limits.Check(Spec(outside))));
        Assert.Equal(["localPath"], Fields(limits.Check(Spec(Path.Combine(link, "sub")))));
        Assert.Equal(["localPath"], Fields(limits.Check(Spec(Path.Combine(_root, "roots/a/../../outside")))));
        Assert.Equal(["localPath"], Fields(limits.Check(Spec(Path.Combine(_root, "roots/ab")))));
        Assert.Equal(["remote"], Fields(limits.Check(Spec(Path.Combine(_root, "roots/a/x"), outside))));
    }

    [Fact]
    public void The_nodes_own_state_is_refused_even_without_roots()
    {
        var data = Dir("state/data");
        var limits = new NodeLimits { PrivatePaths = [data] };
        var link = Path.Combine(_root, "to-data");
        Directory.CreateSymbolicLink(link, data);

        Assert.Equal(["localPath"], Fields(limits.Check(Spec(data))));
        Assert.Equal(["localPath"], Fields(limits.Check(Spec(Path.Combine(data, "journal")))));
        Assert.Equal(["localPath"], Fields(limits.Check(Spec(link))));
        Assert.Empty(limits.Check(Spec(Path.Combine(_root, "state"))));
    }

    [Fact]
    public void A_credential_goes_only_to_the_servers_it_names_and_anywhere_without_a_list()
    {
        var limits = new NodeLimits { CredentialHosts = name => name switch { "finance" => ["FS1.corp.", "10.0.0.5"], "locked" => [], _ => null } };
        var local = Dir("creds");

        Assert.Empty(limits.Check(Spec(local, "smb://bob@fs1.corp/share", "finance")));
        Assert.Empty(limits.Check(Spec(local, "smb://bob@10.0.0.5/share", "finance")));
        Assert.Equal(["credential"], Fields(limits.Check(Spec(local, "smb://bob@evil.example/share", "finance"))));
        Assert.Equal(["credential"], Fields(limits.Check(Spec(local, "smb://bob@fs1.corp/share", "locked"))));
        Assert.Empty(limits.Check(Spec(local, "smb://bob@anywhere/share", "open")));
        Assert.Empty(limits.Check(Spec(local, "smb://anywhere/share", "locked"))); // anonymous: nothing is sent
        var refused = Assert.Throws<SpecRefusedException>(() => limits.ThrowIfRefused(Spec(local, "smb://bob@evil.example/share", "finance")));
        Assert.Contains("credential 'finance'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_path_reached_through_a_linked_root_is_left_out_of_the_tree()
    {
        var home = Dir("home");
        var state = Dir("home/.state");
        var link = Path.Combine(_root, "home-link");
        Directory.CreateSymbolicLink(link, home);

        var filter = PathFilter.For(Spec(link), [state]);

        Assert.False(filter.WalkDirectory(".state"));
        Assert.True(filter.WalkDirectory("docs"));
    }
}
