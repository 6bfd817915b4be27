namespace Support.BrowserTests.Infrastructure;

/// <summary>The two widths readers use most: a desktop window and a phone held upright.</summary>
public static class Viewports
{
    public const int Desktop = 1280;
    public const int Phone = 390;

    public static bool IsPhone(int width) => width <= Phone;

    /// <summary>Height that goes with a width (a phone is taller than wide).</summary>
    public static int HeightFor(int width) => IsPhone(width) ? 844 : 800;
}
