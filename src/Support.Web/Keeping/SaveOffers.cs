using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Keeping;
using Support.Data.Supporters;
using Support.Web.Prompt;

namespace Support.Web.Keeping;

/// <summary>
/// The one offer shown before a supporter cancels (Keeping:SaveOffer): a lower amount (never below the minimum) or a
/// pause. Each showing is recorded, and what the supporter then chose, for the reports.
/// </summary>
public sealed class SaveOffers(SupportDbContext db, IOptions<KeepingOptions> keeping, IOptions<PromptOptions> prompt, TimeProvider time)
{
    /// <summary>A reload of the offer page within this time is the same showing, not a second offer.</summary>
    private static readonly TimeSpan SameShowing = TimeSpan.FromHours(1);

    /// <summary>The suggested lower amount: the configured share, in whole units, at least the minimum of the gift's frequency.</summary>
    public long SuggestedAmount(Contribution contribution)
    {
        var share = contribution.AmountCents * keeping.Value.SuggestedAmountPercent / 100;
        var whole = share >= 100 ? share - share % 100 : share;
        return Math.Max(prompt.Value.For(contribution.Frequency).MinimumCents, whole);
    }

    public SaveOfferKind? KindFor(Contribution contribution)
    {
        if (!contribution.IsLive || contribution.CancelAtPeriodEnd)
        {
            return null;
        }
        var canLower = SuggestedAmount(contribution) < contribution.AmountCents;
        return keeping.Value.SaveOffer switch
        {
            SaveOfferSetting.LowerAmount when canLower => SaveOfferKind.LowerAmount,
            // At the minimum already there is nothing lower to offer: a pause is the next best thing.
            SaveOfferSetting.LowerAmount or SaveOfferSetting.Pause when !contribution.Paused && contribution.Frequency == GiftFrequency.Month => SaveOfferKind.Pause,
            _ => null,
        };
    }

    /// <summary>Records that the offer is shown (once per showing) and returns it; null when there is none to offer.</summary>
    public async Task<SaveOffer?> ShowAsync(Contribution contribution, CancellationToken ct)
    {
        if (KindFor(contribution) is not { } kind)
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var suggested = kind == SaveOfferKind.LowerAmount ? SuggestedAmount(contribution) : 0;
        var since = now - SameShowing;
        var recent = await db.SaveOffers.Where(o => o.ContributionId == contribution.Id && o.ShownAt >= since
                && o.Outcome == SaveOfferOutcome.Shown && o.Kind == kind)
            .OrderByDescending(o => o.ShownAt).FirstOrDefaultAsync(ct);
        if (recent is not null && recent.SuggestedAmountCents == suggested)
        {
            return recent;
        }
        var offer = new SaveOffer
        {
            ContributionId = contribution.Id, Kind = kind, SuggestedAmountCents = suggested, Currency = contribution.Currency,
            ShownAt = now, Outcome = SaveOfferOutcome.Shown,
        };
        db.SaveOffers.Add(offer);
        await db.SaveChangesAsync(ct);
        return offer;
    }

    /// <summary>The supporter's open offer for this contribution, or null (someone else's id looks unknown).</summary>
    public Task<SaveOffer?> FindOpenAsync(Contribution contribution, long? offerId, CancellationToken ct) => offerId is not { } id
        ? Task.FromResult<SaveOffer?>(null)
        : db.SaveOffers.SingleOrDefaultAsync(o => o.Id == id && o.ContributionId == contribution.Id && o.Outcome == SaveOfferOutcome.Shown, ct);

    /// <summary>Only an offer still open changes, so a repeated click records one decision.</summary>
    public async Task DecideAsync(Contribution contribution, long? offerId, SaveOfferOutcome outcome, CancellationToken ct)
    {
        if (offerId is not { } id)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        await db.SaveOffers.Where(o => o.Id == id && o.ContributionId == contribution.Id && o.Outcome == SaveOfferOutcome.Shown)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Outcome, outcome).SetProperty(o => o.DecidedAt, now), ct);
    }
}
