using Microsoft.AspNetCore.Antiforgery;
using Support.Data.Supporters;

namespace Support.Web.Account;

/// <summary>The antiforgery field every account form carries (they act for a signed-in supporter: ADR 0003).</summary>
public sealed record FormGuard(string FieldName, string Token)
{
    public static FormGuard For(IAntiforgery antiforgery, HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new FormGuard(tokens.FormFieldName, tokens.RequestToken!);
    }
}

/// <summary>What POSTs under /account receive; every field is optional and each action reads its own.</summary>
public sealed class AccountForm
{
    public string? Email { get; set; }
    public long? ContributionId { get; set; }
    public string? Amount { get; set; }
    public string? Reason { get; set; }
    /// <summary>A pause's length, or how much longer (1–3 months).</summary>
    public int? Months { get; set; }
    /// <summary>The save offer the supporter was shown on the way to cancelling.</summary>
    public long? OfferId { get; set; }
    /// <summary>Random per rendered page: the same form submitted twice makes the same Stripe request once.</summary>
    public string? FormToken { get; set; }
}

public sealed record ContributionView(
    long Id,
    long AmountCents,
    string Currency,
    ContributionStatus Status,
    DateTime StartedAt,
    DateTime? NextPaymentAt,
    bool CancelAtPeriodEnd,
    DateTime? EndedAt,
    IReadOnlyList<PaymentView> Payments,
    bool Paused = false,
    DateTime? PauseResumesAt = null,
    ContributionEndReason? EndReason = null,
    GiftFrequency Frequency = GiftFrequency.Month)
{
    public bool IsLive => ContributionRules.IsLive(Status);
}

public sealed record PaymentView(DateTime Date, long AmountCents, string Currency, PaymentStatus Status, long RefundedCents);

/// <summary>The account page: the supporter's contributions, and a message or error from the last action.</summary>
public sealed record AccountView(
    string Email,
    IReadOnlyList<ContributionView> Contributions,
    FormGuard Guard,
    string FormToken,
    string? Notice = null,
    string? Error = null,
    long? ErrorContributionId = null,
    string? AmountInput = null,
    IReadOnlyList<int>? StatementYears = null,
    bool CardUpdated = false);
