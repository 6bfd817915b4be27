namespace Support.Data.Supporters;

/// <summary>How often a gift is given: a Stripe subscription billed monthly or yearly, or one payment.</summary>
public enum GiftFrequency
{
    Month,
    Year,
    Once,
}
