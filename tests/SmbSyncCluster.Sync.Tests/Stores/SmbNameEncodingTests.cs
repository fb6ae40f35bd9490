using CsCheck;
using SmbSyncCluster.Sync.Detection;
using SmbSyncCluster.Sync.Stores;

namespace SmbSyncCluster.Sync.Tests.Stores;

/// <summary>
/// The stored forms are those rclone's SMB backend writes with its default encoding (lib/encoder: Slash, BackSlash,
/// Win, Ctl, Dot, RightSpace, RightPeriod), worked out from its rules by hand; every name comes back from its form.
/// </summary>
public sealed class SmbNameEncodingTests
{
    public static TheoryData<string, string> RcloneForms => new()
    {
        { "log 10:30:00.txt", "log 10\uFF1A30\uFF1A00.txt" },
        { "what?.txt", "what\uFF1F.txt" },
        { "a*b<c>d\"e|f\\g", "a\uFF0Ab\uFF1Cc\uFF1Ed\uFF02e\uFF5Cf\uFF3Cg" },
        { "tab\there\u001f", "tab\u2409here\u241F" },
        { "trail.", "trail\uFF0E" },
        { "space ", "space\u2420" },
        { " ", "\u2420" },
        { "two  ", "two \u2420" },
        { "a. ", "a.\u2420" },
        { "a .", "a \uFF0E" },
        { ".hidden", ".hidden" },
        // A look-alike already in a name, and the quote itself, stand for themselves behind the quote.
        { "what\uFF1F.txt", "what\u201B\uFF1F.txt" },
        { "ends\u2420", "ends\u201B\u2420" },
        { "ends\uFF0E", "ends\u201B\uFF0E" },
        { "\uFF0E", "\u201B\uFF0E" },
        { "\uFF0E\uFF0E", "\u201B\uFF0E\u201B\uFF0E" },
        { "it\u201Bs", "it\u201B\u201Bs" },
        { "sym\u2400\u2401", "sym\u201B\u2400\u201B\u2401" },
        { "full\uFF0Fslash", "full\u201B\uFF0Fslash" },
        { "plain name.txt", "plain name.txt" },
        { "\u00e9t\u00e9 \u2603.txt", "\u00e9t\u00e9 \u2603.txt" },
    };

    [Theory]
    [MemberData(nameof(RcloneForms))]
    public void A_name_is_stored_as_rclone_stores_it_and_read_back(string name, string stored)
    {
        Assert.Equal(stored, SmbNameEncoding.Encode(name));
        Assert.Equal(name, SmbNameEncoding.Decode(stored));
    }

    [Fact]
    public void Every_name_a_local_side_can_hold_comes_back_from_its_stored_form()
    {
        const string lookAlikes = "\uFF1A\uFF1F\uFF0E\uFF0F\uFF3C\u2400\u2401\u241F\u2420\u201B .";
        var chars = Gen.OneOf(Gen.Char['\u0001', '\u007f'], Gen.Int[0, lookAlikes.Length - 1].Select(i => lookAlikes[i]));
        var names = Gen.String[chars, 1, 12].Where(n => !n.Contains('/', StringComparison.Ordinal) && n is not "." and not "..");
        names.Sample(name =>
        {
            var stored = SmbNameEncoding.Encode(name);
            if (NameRules.SmbEncoded.Check(name) is null)
            {
                Assert.Equal(name, SmbNameEncoding.Decode(stored));
            }
            Assert.Equal(-1, stored.AsSpan().IndexOfAny("\\/:*?\"<>|"));
            Assert.DoesNotContain(stored, c => c < ' ');
            Assert.False(stored.EndsWith(' ') || stored.EndsWith('.'), stored);
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("x\uFF0Fy")] // rclone's form of a name it reads as holding a '/'
    [InlineData("\uFF0E\uFF0E")] // ".."
    [InlineData("\uFF0E")] // "."
    [InlineData("nul\u2400")] // U+0000
    [InlineData("a\u201Bb")] // a quote before a plain character: written by hand, never by the encoding
    [InlineData("a:b")] // what a share cannot hold has no stored form of its own
    public void A_stored_name_that_no_name_is_stored_as_decodes_to_nothing(string stored) =>
        Assert.Null(SmbNameEncoding.Decode(stored));

    [Fact]
    public void The_one_name_whose_stored_form_reads_back_as_another_is_not_held()
    {
        Assert.Equal("\uFF0E\uFF0E", SmbNameEncoding.Encode("\uFF0E.")); // as rclone writes it: the form of ".."

        Assert.Equal("a name whose encoded form '\uFF0E\uFF0E' reads back as another name", NameRules.SmbEncoded.Check("\uFF0E."));
    }

    [Fact]
    public void Paths_are_encoded_one_name_at_a_time()
    {
        Assert.Equal("dir\uFF1A1/sub\uFF0E/f\uFF1F", SmbNameEncoding.EncodePath("dir:1/sub./f?"));
        Assert.Equal("a/b/c.txt", SmbNameEncoding.EncodePath("a/b/c.txt"));
    }

    [Theory]
    [InlineData("log 10:30:00.txt")]
    [InlineData("what?.txt")]
    [InlineData("trail.")]
    [InlineData("space ")]
    [InlineData("aux.")] // stored as "aux．", which is no device name
    public void An_encoding_share_holds_what_a_plain_one_cannot(string name)
    {
        Assert.NotNull(NameRules.Smb.Check(name));
        Assert.Null(NameRules.SmbEncoded.Check(name));
    }

    [Theory]
    [InlineData("aux.c", "the device name 'aux'")]
    [InlineData("COM1", "the device name 'COM1'")]
    public void Device_names_stay_out_of_an_encoding_share(string name, string reason) =>
        Assert.Equal(reason, NameRules.SmbEncoded.Check(name));

    [Fact]
    public void The_length_limit_counts_the_stored_form()
    {
        var fits = new string('a', 254) + "?";
        var quoted = new string('a', 254) + "\uFF1F"; // stored with the quote: 256 characters

        Assert.Null(NameRules.SmbEncoded.Check(fits));
        Assert.Equal("a name longer than 255 characters once encoded", NameRules.SmbEncoded.Check(quoted));
    }

    [Fact]
    public void An_encoding_share_still_tells_names_apart_by_case_only_as_one() =>
        Assert.True(NameRules.SmbEncoded.CaseInsensitive);
}
