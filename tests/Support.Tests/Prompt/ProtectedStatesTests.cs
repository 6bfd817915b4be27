using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using Support.Web.Prompt;

namespace Support.Tests.Prompt;

/// <summary>The prompt cookie's value is protected once per second and state text, and always opens to its text.</summary>
public sealed class ProtectedStatesTests
{
    private readonly IDataProtector _protector = new EphemeralDataProtectionProvider().CreateProtector("Support.Prompt.v1");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-03T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void The_same_text_in_the_same_second_gets_the_same_value()
    {
        var states = new ProtectedStates(_protector, _time);

        var first = states.Protect("2;i=1796277600");
        _time.Advance(TimeSpan.FromMilliseconds(900));
        var second = states.Protect("2;i=1796277600");

        Assert.Equal(first, second);
        Assert.Equal("2;i=1796277600", _protector.Unprotect(second));
    }

    [Fact]
    public void The_next_second_protects_again()
    {
        var states = new ProtectedStates(_protector, _time);

        var first = states.Protect("2;i=1796277600");
        _time.Advance(TimeSpan.FromSeconds(1));
        var next = states.Protect("2;i=1796277600");

        Assert.NotEqual(first, next);
        Assert.Equal("2;i=1796277600", _protector.Unprotect(next));
    }

    [Fact]
    public void Different_texts_never_share_a_value()
    {
        var states = new ProtectedStates(_protector, _time);

        var a = states.Protect("2;i=1796277600;a=3:7");
        var b = states.Protect("2;i=1796277600;a=3:8");

        Assert.Equal("2;i=1796277600;a=3:7", _protector.Unprotect(a));
        Assert.Equal("2;i=1796277600;a=3:8", _protector.Unprotect(b));
    }

    [Fact]
    public void Texts_beyond_the_limit_are_protected_each_time()
    {
        var states = new ProtectedStates(_protector, _time);
        for (var i = 0; i < ProtectedStates.MaxTexts; i++)
        {
            states.Protect($"2;i={i}");
        }

        var once = states.Protect("2;i=returning");
        var twice = states.Protect("2;i=returning");

        Assert.NotEqual(once, twice);
        Assert.Equal(states.Protect("2;i=0"), states.Protect("2;i=0"));
    }
}
