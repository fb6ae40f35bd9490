using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Sync.Runs;
using SmbSyncCluster.Sync.Versions;

namespace SmbSyncCluster.Sync.Tests.Versions;

/// <summary>How a listing's or a restore's failures are sorted for the fronts, and that anything else stays a crash.</summary>
public sealed class VersionFailureTests
{
    private static Exception Thrown(Action act) => Assert.ThrowsAny<Exception>(act);

    [Fact]
    public void A_bad_path_or_name_is_invalid_and_names_its_field_in_one_line()
    {
        var path = VersionFailure.Of(Thrown(() => VersionArea.CheckRequest("../etc/passwd", null)));
        var name = VersionFailure.Of(Thrown(() => VersionArea.CheckRequest("docs/report.txt", "../../report~20261207-201500-123.txt")));
        var side = VersionFailure.Of(new ArgumentException("both sides hold a version 'v' of 'p': name the side", "side"));

        Assert.Equal((VersionFailureKind.Invalid, "path"), (path!.Kind, path.Field));
        Assert.Equal("'../etc/passwd' is not a relative path ('/'-separated, no empty, '.' or '..' component)", path.Message);
        Assert.Equal((VersionFailureKind.Invalid, "version", "'../../report~20261207-201500-123.txt' is not a version of 'docs/report.txt'"), (name!.Kind, name.Field, name.Message));
        Assert.Equal(("side", "both sides hold a version 'v' of 'p': name the side"), (side!.Field, side.Message));
    }

    [Fact]
    public void A_missing_version_is_not_found_and_a_place_that_cannot_be_used_is_unavailable()
    {
        Assert.Equal(VersionFailureKind.NotFound, VersionFailure.Of(new FileNotFoundException("no version"))!.Kind);
        Assert.Equal(VersionFailureKind.NotFound, VersionFailure.Of(new SmbNotFoundException(default, "no version"))!.Kind);
        Exception[] unavailable =
        [
            new PlaceBusyException("local directory '/d'", "job j, process 1"),
            new DirectoryNotFoundException("no root"),
            new SmbConnectionException("cannot connect"),
            new MissingCredentialException("nas"),
            new RootReplacedException("/d", 1),
            new TimeoutException("slow"),
        ];
        Assert.All(unavailable, e => Assert.Equal((VersionFailureKind.Unavailable, e.Message), (VersionFailure.Of(e)!.Kind, VersionFailure.Of(e)!.Message)));
        Assert.Null(VersionFailure.Of(new InvalidOperationException("a bug")));
        Assert.Null(VersionFailure.Of(new NullReferenceException()));
    }
}
