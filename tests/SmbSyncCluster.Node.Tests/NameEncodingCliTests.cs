using SmbSyncCluster.Testing;
using static SmbSyncCluster.Node.Tests.SambaPair;

namespace SmbSyncCluster.Node.Tests;

/// <summary>
/// Names an SMB share cannot hold, through the smbsync executable and a real Samba share: stored under rclone's
/// look-alikes and back under their own names, what stays skipped, the option that turns it off, and a job that
/// skipped them before.
/// </summary>
public sealed class NameEncodingCliTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    private const string Password = SambaServer.Password;

    /// <summary>Each name a share cannot hold, with the name rclone stores it under.</summary>
    private static readonly (string Name, string Stored)[] Names =
    [
        ("log 10:30:00.txt", "log 10\uFF1A30\uFF1A00.txt"),
        ("what?.txt", "what\uFF1F.txt"),
        ("star*.txt", "star\uFF0A.txt"),
        ("<tag>.txt", "\uFF1Ctag\uFF1E.txt"),
        ("say \"hi\".txt", "say \uFF02hi\uFF02.txt"),
        ("a|b.txt", "a\uFF5Cb.txt"),
        ("back\\slash.txt", "back\uFF3Cslash.txt"),
        ("tab\there.txt", "tab\u2409here.txt"),
        ("trail.", "trail\uFF0E"),
        ("space ", "space\u2420"),
        ("dir: 1/inner?.txt", "dir\uFF1A 1/inner\uFF1F.txt"),
        ("full\uFF1Fwidth.txt", "full\u201B\uFF1Fwidth.txt"),
    ];

    [Fact]
    public async Task Every_name_a_share_cannot_hold_goes_there_under_rclones_form_and_comes_back_under_its_own()
    {
        var pair = SambaPair.New(samba.Server);
        foreach (var (name, _) in Names)
        {
            Write(pair.Local, name, "content of " + name);
        }

        var upload = await CliProcess.RunAsync(Password, pair.Args());
        var back = pair with
        {
            Local = Directory.CreateTempSubdirectory("smbsync-back-").FullName,
            Data = Directory.CreateTempSubdirectory("smbsync-data-").FullName,
        };
        var download = await CliProcess.RunAsync(Password, back.Args("--mode", "download"));
        var again = await CliProcess.RunAsync(Password, pair.Args());

        Assert.True(upload.Code == 0, upload.ToString());
        Assert.Equal((Names.Length, 0), (upload.Count("uploaded"), upload.Count("skipped")));
        Assert.Equal(Names.Select(n => n.Stored + "=content of " + n.Name).Order(StringComparer.Ordinal), Tree(pair.RemoteDisk));
        Assert.True(download.Code == 0, download.ToString());
        Assert.Equal(Tree(pair.Local), Tree(back.Local));
        Assert.Equal((0, 0, 0, 0), (again.Count("uploaded"), again.Count("downloaded"), again.Count("deletedLocal"), again.Count("deletedRemote")));
    }

    [Fact]
    public async Task A_share_rclone_wrote_reads_under_the_real_names()
    {
        var pair = SambaPair.New(samba.Server);
        Write(pair.RemoteDisk, "minutes 10\uFF1A30.txt", "colon");
        Write(pair.RemoteDisk, "why\uFF1F/ends\u2420", "space");
        Write(pair.RemoteDisk, "it\u201B\u201Bs.txt", "quote");

        var result = await CliProcess.RunAsync(Password, pair.Args());

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(["it\u201Bs.txt=quote", "minutes 10:30.txt=colon", "why?/ends =space"], Tree(pair.Local));
    }

    [Fact]
    public async Task Names_that_clash_once_encoded_and_device_names_stay_local_and_are_named()
    {
        var pair = SambaPair.New(samba.Server);
        Write(pair.Local, "Notes 10:30.txt", "upper");
        Write(pair.Local, "notes 10:30.txt", "lower");
        Write(pair.Local, "aux.c", "device");
        Write(pair.Local, "\uFF0E.", "reads back as '..'");
        Write(pair.Local, "ok?.txt", "ok");

        var result = await CliProcess.RunAsync(Password, pair.Args());

        Assert.True(result.Code == 0, result.ToString());
        var skips = result.Summary.GetProperty("skips").EnumerateArray()
            .Select(s => (s.GetProperty("path").GetString()!, s.GetProperty("kind").GetString()!)).Order().ToArray();
        Assert.Equal(new[] { "Notes 10:30.txt", "aux.c", "notes 10:30.txt", "\uFF0E." }.Select(p => (p, "unrepresentable-name")).Order(), skips);
        Assert.Equal(["ok\uFF1F.txt=ok"], Tree(pair.RemoteDisk));
    }

    [Fact]
    public async Task Turned_off_names_are_skipped_as_before_and_picked_up_once_turned_on()
    {
        var pair = SambaPair.New(samba.Server);
        Write(pair.Local, "ok.txt", "ok");
        Write(pair.Local, "log 10:30.txt", "colon");
        Write(pair.Local, "trail.", "period");

        var off = await CliProcess.RunAsync(Password, pair.Args("--no-encode-names"));
        var shareWhenOff = Tree(pair.RemoteDisk);
        var on = await CliProcess.RunAsync(Password, pair.Args());

        Assert.True(off.Code == 0, off.ToString());
        Assert.Equal((1, 2), (off.Count("uploaded"), off.Count("skipped")));
        Assert.Equal(["ok.txt=ok"], shareWhenOff);
        Assert.True(on.Code == 0, on.ToString());
        Assert.Equal((2, 0, 0), (on.Count("uploaded"), on.Count("skipped"), on.Count("deletedLocal")));
        Assert.Equal(["log 10\uFF1A30.txt=colon", "ok.txt=ok", "trail\uFF0E=period"], Tree(pair.RemoteDisk));
    }
}
