using SmbSyncCluster.Node.Cli;

namespace SmbSyncCluster.Node.Tests;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("plain name.txt", "plain name.txt")]
    [InlineData("evil\u001b]0;owned\u0007.txt", "evil\\x1b]0;owned\\x07.txt")]
    [InlineData("two\nlines\r", "two\\x0alines\\x0d")]
    [InlineData("c1\u009bcsi and del\u007f", "c1\\x9bcsi and del\\x7f")]
    [InlineData("caf\u00e9 \U0001F600", "caf\u00e9 \U0001F600")]
    public void Control_characters_are_escaped_and_the_rest_kept(string text, string printed) =>
        Assert.Equal(printed, TerminalText.Safe(text));
}
