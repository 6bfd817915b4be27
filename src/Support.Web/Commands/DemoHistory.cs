using Support.Data.Email;
using Support.Data.Reminders;
using Support.Data.Prompt;
using Support.Data.Supporters;

namespace Support.Web.Commands;

/// <summary>
/// Generates one supporter's realistic two-year history, deterministically from a seeded random: sign-ups that
/// grow over time, mostly monthly gifts with some annual and one-time ones, their invoices, churn, failed payments
/// (most recovered within a week), refunds, one-off amount changes and reminders that sometimes turn into gifts.
/// Gifts are in the configured currency (Stripe:Currency), one in twenty in another, as a publisher abroad gets.
/// </summary>
public sealed class DemoHistory(DateTime now, IReadOnlyList<string> articleSlugs, string currency, int seed = 42)
{
    private static readonly (long Cents, double Weight)[] Amounts =
        [(200, 20), (300, 10), (500, 35), (750, 5), (1000, 20), (1500, 3), (2500, 5), (5000, 2)];

    private readonly Random _random = new(seed);
    private readonly DateTime _start = now.AddMonths(-24);

    public Supporter Supporter(int index, out List<Reminder> reminders)
    {
        reminders = [];
        // Growth: sqrt skews the start dates towards the present.
        var started = now.AddMinutes(-(now - _start).TotalMinutes * (1 - Math.Sqrt(_random.NextDouble())));
        var giftCurrency = _random.NextDouble() < 0.95 ? currency : currency == "eur" ? "gbp" : "eur";
        var email = $"reader{index}@example.com";
        var supporter = new Supporter { StripeCustomerId = $"cus_demo_{index}", Email = email, CreatedAt = started };
        var amount = PickAmount();
        var contribution = new Contribution
        {
            StripeSubscriptionId = $"sub_demo_{index}", Supporter = supporter, Currency = giftCurrency, StartedAt = started,
            ArticleSlug = articleSlugs.Count == 0 || _random.NextDouble() < 0.2 ? null : articleSlugs[_random.Next(articleSlugs.Count)],
            UpdatedAt = now,
        };
        supporter.Contributions.Add(contribution);
        // One gift in ten is annual (ten months' worth, a year at a time), one in twelve one-time.
        var kind = _random.NextDouble();
        if (kind < 0.08)
        {
            OneTimeGift(contribution, index, amount * 5);
            return supporter;
        }
        var annual = kind < 0.18;
        contribution.Frequency = annual ? GiftFrequency.Year : GiftFrequency.Month;
        amount = annual ? amount * 10 : amount;
        var changeAt = _random.NextDouble() < 0.08 ? started.AddDays(_random.Next(20, 700)) : DateTime.MaxValue;
        var newAmount = annual ? PickAmount() * 10 : PickAmount();
        // Voluntary churn: about 3% a month; an annual gift is cancelled less often, and ends only at a renewal.
        var cancelAt = started.AddDays(-30 * Math.Log(1 - _random.NextDouble()) / (annual ? 0.015 : 0.03));
        DateTime? ended = null;
        for (var k = 0; ; k++)
        {
            var invoiceAt = annual ? started.AddYears(k) : started.AddMonths(k);
            if (invoiceAt > now || invoiceAt >= cancelAt)
            {
                // An annual gift cancelled during its year runs to the renewal it does not make.
                var endsAt = annual ? invoiceAt : cancelAt;
                ended = cancelAt <= now && endsAt <= now ? endsAt : null;
                contribution.CancelAtPeriodEnd = cancelAt <= now && ended is null;
                break;
            }
            var payment = Invoice(contribution, index, k, invoiceAt, invoiceAt > changeAt ? newAmount : amount);
            if (payment.Status == PaymentStatus.Failed && invoiceAt.AddDays(14) <= now)
            {
                ended = invoiceAt.AddDays(14); // Stripe gave up: involuntary churn
                break;
            }
        }
        contribution.AmountCents = now > changeAt ? newAmount : amount;
        contribution.CancelledAt = ended;
        contribution.Status = ended is not null ? ContributionStatus.Canceled
            : contribution.Payments.LastOrDefault()?.Status == PaymentStatus.Failed ? ContributionStatus.PastDue : ContributionStatus.Active;
        contribution.CurrentPeriodEnd = ended is null
            ? annual ? started.AddYears(contribution.Payments.Count) : started.AddMonths(contribution.Payments.Count)
            : null;
        if (_random.NextDouble() < 0.15)
        {
            // A reminder this reader signed up for before giving: sent 1–40 days before the gift.
            var sent = started.AddDays(-_random.Next(1, 41));
            reminders.Add(Reminder(email, sent.AddDays(-1), EmailStatus.Sent, sent));
        }
        return supporter;
    }

    /// <summary>A one-time gift: no subscription, one paid invoice (ADR 0013), never billed again.</summary>
    private void OneTimeGift(Contribution contribution, int index, long cents)
    {
        contribution.StripeSubscriptionId = null;
        contribution.StripePaymentIntentId = $"pi_demo_{index}_once";
        contribution.Frequency = GiftFrequency.Once;
        contribution.Status = ContributionStatus.Completed;
        contribution.AmountCents = cents;
        var payment = Invoice(contribution, index, 0, contribution.StartedAt, cents);
        payment.StripePaymentIntentId = contribution.StripePaymentIntentId;
        (payment.Status, payment.PaidAt, payment.FirstFailedAt) = (PaymentStatus.Paid, contribution.StartedAt, null);
    }

    /// <summary>Reminders of readers who never gave: sent, unsubscribed, pending or failed.</summary>
    public Reminder ReaderReminder(int index)
    {
        var created = now.AddMinutes(-(now - _start).TotalMinutes * _random.NextDouble());
        var roll = _random.NextDouble();
        var status = roll < 0.7 ? EmailStatus.Sent : roll < 0.85 ? EmailStatus.Cancelled : roll < 0.97 ? EmailStatus.Pending : EmailStatus.Failed;
        var reminder = Reminder($"reader.{index}@example.net", created, status, status == EmailStatus.Sent ? created.AddDays(1) : null);
        if (status == EmailStatus.Pending)
        {
            // Still waiting means signed up lately and due later: a demo must never make the service email its
            // invented readers as soon as it starts.
            reminder.CreatedAt = reminder.UpdatedAt = now.AddMinutes(-_random.Next(1, 7 * 24 * 60));
            reminder.DueAt = now.AddDays(_random.Next(7, 31));
        }
        return reminder;
    }

    /// <summary>Prompt views and checkout starts for one article and day.</summary>
    public PromptDailyStat PromptDay(string slug, DateTime day)
    {
        var growth = 0.3 + 0.7 * (day - _start).TotalDays / (now - _start).TotalDays;
        var views = (long)(growth * _random.Next(200, 1200));
        return new PromptDailyStat { ArticleSlug = slug, Day = day, Views = views, CheckoutStarts = views * _random.Next(5, 30) / 1000 };
    }

    private Payment Invoice(Contribution contribution, int index, int k, DateTime at, long cents)
    {
        var payment = new Payment
        {
            StripeInvoiceId = $"in_demo_{index}_{k}", StripePaymentIntentId = $"pi_demo_{index}_{k}", Currency = contribution.Currency,
            AmountCents = cents, CreatedAt = at, Status = PaymentStatus.Paid, PaidAt = at,
        };
        if (_random.NextDouble() < 0.04)
        {
            payment.FirstFailedAt = at;
            var recovered = _random.NextDouble() < 0.6;
            payment.Status = recovered ? PaymentStatus.Paid : PaymentStatus.Failed;
            payment.PaidAt = recovered ? at.AddDays(_random.Next(1, 8)) : null;
        }
        if (payment.Status == PaymentStatus.Paid && _random.NextDouble() < 0.005)
        {
            payment.RefundedCents = _random.NextDouble() < 0.5 ? cents : cents / 2;
        }
        contribution.Payments.Add(payment);
        return payment;
    }

    private long PickAmount()
    {
        var roll = _random.NextDouble() * Amounts.Sum(a => a.Weight);
        foreach (var (cents, weight) in Amounts)
        {
            if ((roll -= weight) < 0)
            {
                return cents;
            }
        }
        return Amounts[^1].Cents;
    }

    private static Reminder Reminder(string email, DateTime created, EmailStatus status, DateTime? sentAt) => new()
    {
        Email = email, CreatedAt = created, UpdatedAt = sentAt ?? created, DueAt = sentAt ?? created.AddDays(7), Status = status,
        SentAt = sentAt, UnsubscribeToken = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
    };
}
