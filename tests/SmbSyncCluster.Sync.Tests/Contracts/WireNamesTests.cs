using System.Text.Json;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Tests.Contracts;

/// <summary>
/// The enums of the contracts carry the words journals, snapshots, remoting and the HTTP API have always
/// held: these lists are that contract, and the JSON converter and <see cref="WireNames"/> agree on them.
/// </summary>
public sealed class WireNamesTests
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { WireNames.Converter() } };

    [Fact]
    public void Every_value_has_the_word_written_before()
    {
        Assert.Equal(["mirror", "upload", "download"], WireNames.All<SyncMode>());
        Assert.Equal(["keep-both", "newer", "local", "remote", "skip"], WireNames.All<ConflictPolicy>());
        Assert.Equal(["completed", "failed", "aborted", "stopped"], WireNames.All<RunOutcome>());
        Assert.Equal(
            ["upload", "download", "delete-local", "delete-remote", "mkdir-local", "mkdir-remote", "rename-local", "rename-remote", "skip", "scan", "move-local", "move-remote"],
            WireNames.All<RunAction>());
        Assert.Equal(
            ["transient", "item", "fatal", "not-scanned", "unrepresentable-name", "deletion-blocked", "conflict"],
            WireNames.All<RunErrorKind>());
    }

    [Fact]
    public void The_json_converter_writes_and_reads_the_same_words()
    {
        AgreeOn<SyncMode>();
        AgreeOn<ConflictPolicy>();
        AgreeOn<RunOutcome>();
        AgreeOn<RunAction>();
        AgreeOn<RunErrorKind>();
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"1\"")]
    [InlineData("\"paused-forever\"")]
    public void A_number_or_an_unknown_word_does_not_read(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RunOutcome>(json, Json));

    [Theory]
    [InlineData("keep-both", true)]
    [InlineData("Keep-Both", false)]
    [InlineData("KeepBoth", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Text_is_parsed_exactly(string? text, bool parses)
    {
        Assert.Equal(parses, WireNames.TryParse<ConflictPolicy>(text, out var policy));
        Assert.Equal(parses ? ConflictPolicy.KeepBoth : default, policy);
    }

    [Fact]
    public void A_value_outside_the_enum_has_no_word() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((RunOutcome)42).WireName);

    private static void AgreeOn<T>()
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            Assert.Equal($"\"{value.WireName}\"", JsonSerializer.Serialize(value, Json));
            Assert.Equal(value, JsonSerializer.Deserialize<T>($"\"{value.WireName}\"", Json));
            Assert.True(WireNames.TryParse<T>(value.WireName, out var parsed) && parsed.Equals(value));
        }
    }
}
