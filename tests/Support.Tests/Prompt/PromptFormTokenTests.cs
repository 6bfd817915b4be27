using Support.Web.Prompt;

namespace Support.Tests.Prompt;

/// <summary>The prompt's form tokens come from a buffer of CSPRNG bytes refilled every few hundred tokens.</summary>
public sealed class PromptFormTokenTests
{
    [Fact]
    public void Tokens_are_24_hex_digits_and_never_repeat_across_refills()
    {
        var tokens = Enumerable.Range(0, 2_000).Select(_ => PromptFactory.NewFormToken()).ToList();

        Assert.All(tokens, t => Assert.Matches("^[0-9a-f]{24}$", t));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public async Task Threads_draw_different_tokens()
    {
        var perThread = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(
            () => Enumerable.Range(0, 600).Select(_ => PromptFactory.NewFormToken()).ToList(), TaskCreationOptions.LongRunning)));

        var all = perThread.SelectMany(t => t).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
