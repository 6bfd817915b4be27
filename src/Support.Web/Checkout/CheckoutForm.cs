namespace Support.Web.Checkout;

/// <summary>The prompt's form as posted. Every field is optional here; the service says what is wrong.</summary>
public sealed class CheckoutForm
{
    /// <summary><c>once</c>, <c>month</c> or <c>year</c>; absent means <c>month</c>.</summary>
    public string? Frequency { get; set; }
    public string? Amount { get; set; }
    public string? CustomAmount { get; set; }
    public string? Email { get; set; }
    public string? Article { get; set; }
    public string? FormToken { get; set; }
    /// <summary>The experiment variant the prompt showed (its hidden field), credited with the gift.</summary>
    public string? Variant { get; set; }
    /// <summary>The publisher's page the embed showed the prompt on (ADR 0017); honoured only on an allowed origin.</summary>
    public string? ReturnTo { get; set; }

    /// <summary>A typed amount wins over a preset: readers type without first choosing "Other".</summary>
    /// <summary>A preset was posted (not "Other", nothing typed): the no-JavaScript form may have kept another frequency's.</summary>
    public bool IsPreset => string.IsNullOrWhiteSpace(CustomAmount) && !string.IsNullOrWhiteSpace(Amount) && Amount != "other";

    public string? ChosenAmount =>
        !string.IsNullOrWhiteSpace(CustomAmount) ? CustomAmount : Amount == "other" ? CustomAmount : Amount;
}
