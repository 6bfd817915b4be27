using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Data;
using Support.Data.Supporters;
using Support.Web.Prompt;
using Support.Web.Shared;
using Support.Web.Supporters.Emails;

namespace Support.Web.Account;

/// <summary>
/// All paid payments of a calendar year (UTC) of the signed-in supporter, every frequency, as a plain-text statement
/// to keep or print: date, gift, reference, amount, refunded, and the total per currency, with the receipt's statement line.
/// </summary>
public sealed class YearlyStatement(SupportDbContext db, IOptions<PromptOptions> prompt, IOptions<SupporterEmailOptions> emails)
{
    public const int FirstYear = 2000;

    public async Task<string> WriteAsync(string email, int year, CancellationToken ct)
    {
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.Contribution.Supporter.Email == email && p.Contribution.Supporter.ErasedAt == null
                && p.Status == PaymentStatus.Paid && p.PaidAt >= from && p.PaidAt < to)
            .OrderBy(p => p.PaidAt)
            .Select(p => new { p.PaidAt, p.Contribution.Frequency, p.InvoiceNumber, p.StripeInvoiceId, p.AmountCents, p.RefundedCents, p.Currency })
            .ToListAsync(ct);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{prompt.Value.Publisher}: statement of gifts in {year}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Supporter: {email}");
        text.AppendLine();
        if (payments.Count == 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"No payments were received from this address in {year}.");
        }
        foreach (var p in payments)
        {
            var refunded = p.RefundedCents > 0 ? $", refunded {Money.Format(p.RefundedCents, p.Currency)}" : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{p.PaidAt!.Value:yyyy-MM-dd}  {Money.Format(p.AmountCents, p.Currency)}  {GiftFrequencies.Adjective(p.Frequency)} gift  reference {p.InvoiceNumber ?? p.StripeInvoiceId}{refunded}");
        }
        foreach (var total in payments.GroupBy(p => p.Currency).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Total given in {year}: {Money.Format(total.Sum(p => p.AmountCents - p.RefundedCents), total.Key)} ({total.Count()} payments, after refunds)");
        }
        if (!string.IsNullOrWhiteSpace(emails.Value.ReceiptStatementLine))
        {
            text.AppendLine();
            text.AppendLine(emails.Value.ReceiptStatementLine);
        }
        return text.ToString();
    }
}
