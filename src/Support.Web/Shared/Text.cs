namespace Support.Web.Shared;

/// <summary>Cuts text to a stored or shown length without splitting a surrogate pair.</summary>
public static class Text
{
    public static string? Cut(string? text, int maxLength)
    {
        if (text is null || text.Length <= maxLength)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut];
    }
}
