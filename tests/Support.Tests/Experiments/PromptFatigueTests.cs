using Microsoft.Extensions.Time.Testing;
using Support.Web.Prompt;

namespace Support.Tests.Experiments;

/// <summary>The impression cap and each dismissal kind, through the pure decision the page and the embed share.</summary>
public sealed class PromptFatigueTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly PromptFatigueOptions _rules = new();

    private PromptDecision View(PromptState state) => PromptDecisions.Decide(state, _clock.GetUtcNow(), _rules, null, 0.5);

    /// <summary>Views the page <paramref name="times"/> times, an hour apart, carrying the state like a cookie.</summary>
    private (PromptState State, List<PromptShow> Seen) ViewTimes(PromptState state, int times)
    {
        var seen = new List<PromptShow>();
        for (var i = 0; i < times; i++)
        {
            var decision = View(state);
            seen.Add(decision.Show);
            state = decision.State;
            _clock.Advance(TimeSpan.FromHours(1));
        }
        return (state, seen);
    }

    [Fact]
    public void The_prompt_is_shown_four_times_then_the_quiet_link_until_the_window_moves()
    {
        var (state, seen) = ViewTimes(PromptState.Fresh, 6);

        Assert.Equal([PromptShow.Full, PromptShow.Full, PromptShow.Full, PromptShow.Full, PromptShow.Quiet, PromptShow.Quiet], seen);

        // The first impression was 6 hours ago: 30 days after it, one slot is free again, and only one.
        _clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromHours(6) + TimeSpan.FromSeconds(1));
        var again = View(state);
        Assert.Equal(PromptShow.Full, again.Show);
        Assert.Equal(PromptShow.Quiet, View(again.State).Show);
    }

    [Fact]
    public void A_quiet_view_does_not_count_as_an_impression()
    {
        var (state, _) = ViewTimes(PromptState.Fresh, 4);

        var quiet = View(state);

        Assert.Equal(PromptShow.Quiet, quiet.Show);
        Assert.False(quiet.Changed);
        Assert.Equal(4, quiet.State.Impressions.Count);
    }

    [Fact]
    public void The_cap_and_window_are_settings()
    {
        _rules.ImpressionCap = 2;
        _rules.ImpressionWindow = TimeSpan.FromDays(1);

        var (state, seen) = ViewTimes(PromptState.Fresh, 3);
        _clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal([PromptShow.Full, PromptShow.Full, PromptShow.Quiet], seen);
        Assert.Equal(PromptShow.Full, View(state).Show);
    }

    [Fact]
    public void Closing_hides_the_prompt_for_seven_days()
    {
        var closed = PromptDecisions.Closed(PromptState.Fresh, _clock.GetUtcNow(), _rules);

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(PromptShow.None, View(closed).Show);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = View(closed);
        Assert.Equal(PromptShow.Full, after.Show);
        Assert.Equal(PromptHiddenBy.None, after.State.HiddenBy);
    }

    [Fact]
    public void Remind_me_later_hides_the_prompt_until_the_chosen_time()
    {
        var until = _clock.GetUtcNow().AddDays(3);
        var later = PromptDecisions.Later(PromptState.Fresh, until);

        _clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        Assert.Equal(PromptShow.None, View(later).Show);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(PromptShow.Full, View(later).Show);
    }

    [Fact]
    public void A_recurring_supporter_is_not_asked_again_even_after_a_year()
    {
        var gave = PromptDecisions.Gave(PromptState.Fresh, _clock.GetUtcNow(), _rules, recurring: true);

        _clock.Advance(TimeSpan.FromDays(400));

        Assert.Equal(PromptShow.None, View(gave).Show);
        Assert.Equal(gave, PromptDecisions.Closed(gave, _clock.GetUtcNow(), _rules));
    }

    [Fact]
    public void A_one_time_gift_keeps_the_prompt_quiet_for_ninety_days()
    {
        var gave = PromptDecisions.Gave(PromptState.Fresh, _clock.GetUtcNow(), _rules, recurring: false);

        _clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromSeconds(1));
        Assert.Equal(PromptShow.None, View(gave).Show);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(PromptShow.Full, View(gave).Show);
    }

    [Fact]
    public void The_state_survives_its_cookie_text()
    {
        var (state, _) = ViewTimes(PromptState.Fresh, 2);
        state = PromptDecisions.Closed(state, _clock.GetUtcNow(), _rules) with
        {
            Assignments = [new PromptAssignment(3, 7), new PromptAssignment(5, 12)],
        };

        var back = PromptState.Parse(state.Format());

        Assert.Equal(state.Format(), back.Format());
        Assert.Equal(12, back.VariantFor(5));
        Assert.Equal(PromptHiddenBy.Closed, back.HiddenBy);
    }

    [Theory]
    [InlineData("supporter", true, PromptHiddenBy.None)]
    [InlineData("1767225600", false, PromptHiddenBy.Later)]
    public void Cookies_of_the_first_format_keep_their_meaning(string text, bool supporter, PromptHiddenBy hidden)
    {
        var state = PromptState.Parse(text);

        Assert.Equal(supporter, state.Supporter);
        Assert.Equal(hidden, state.HiddenBy);
    }

    [Theory]
    [InlineData("9;s")]
    [InlineData("2;h=Sideways:12")]
    [InlineData("2;i=x,-4;a=1:0,a:b")]
    public void Unreadable_state_counts_as_a_fresh_browser(string text)
    {
        var state = PromptState.Parse(text);

        Assert.False(state.Supporter);
        Assert.Equal(PromptHiddenBy.None, state.HiddenBy);
        Assert.Empty(state.Impressions);
        Assert.Empty(state.Assignments);
    }
}
