namespace Support.Web.Shared;

/// <summary>What a person typed, shown again on a refused form: at most an email address's length, so a huge value is never sent back.</summary>
public static class Echo
{
    public const int MaxLength = 254;

    public static string? Shortened(string? typed) => Text.Cut(typed, MaxLength);
}
