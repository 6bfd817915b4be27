using System.ComponentModel.DataAnnotations;

namespace Support.Web.Keeping;

/// <summary>Keeping supporters (issue 16): dunning links, pauses, the save offer before cancelling.</summary>
public sealed class KeepingOptions
{
    public const string Section = "Keeping";

    /// <summary>How long the card-update link in a payment-failed email works (once). Stripe retries for about two weeks.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan CardUpdateLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the restart link in a could-not-collect email works (once).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan RestartLinkLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A payment-failed email waits this long before it is sent, so that a renewal needing 3-D Secure (Stripe sends
    /// both <c>invoice.payment_failed</c> and <c>invoice.payment_action_required</c>) gets only the confirm email, and a
    /// payment recovered meanwhile gets none.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan PaymentFailedEmailHold { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long before a pause ends its reminder email is sent.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "14.00:00:00")]
    public TimeSpan PauseReminderLead { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The one offer shown before cancelling: a lower amount, a pause, or none.</summary>
    public SaveOfferSetting SaveOffer { get; set; } = SaveOfferSetting.LowerAmount;

    /// <summary>The lower amount suggested, as a percentage of the current one (never below the minimum).</summary>
    [Range(10, 90)]
    public int SuggestedAmountPercent { get; set; } = 50;
}

public enum SaveOfferSetting
{
    None,
    LowerAmount,
    Pause,
}
