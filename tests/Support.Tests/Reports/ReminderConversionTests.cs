using Microsoft.EntityFrameworkCore;
using Support.Data;
using Support.Data.Email;
using Support.Data.Reminders;
using Support.Data.Supporters;
using Support.Tests.Infrastructure;
using Support.Web.Data;
using Support.Web.Reports;

namespace Support.Tests.Reports;

/// <summary>
/// The conversion kept on each sent reminder equals a from-scratch search of the gifts after random histories of
/// reminders, gifts and changes (in transactions and without), and after <c>reports rebuild</c>.
/// </summary>
public sealed class ReminderConversionTests(ReminderConversionTests.App app) : IClassFixture<ReminderConversionTests.App>
{
    public sealed class App : SupportAppFactory;

    /// <summary>Each sent reminder and whether a real gift by its email started within 30 days after the send, from the rows alone.</summary>
    private static async Task<string> FromScratchAsync(SupportDbContext db)
    {
        var gifts = await db.Contributions.AsNoTracking().Include(c => c.Supporter)
            .Where(c => c.Status != ContributionStatus.Incomplete && c.Status != ContributionStatus.IncompleteExpired).ToListAsync();
        var sent = await db.Reminders.AsNoTracking().Where(r => r.Status == EmailStatus.Sent && r.SentAt != null).OrderBy(r => r.Id).ToListAsync();
        return string.Join('\n', sent.Select(r => $"{r.Id} {r.Email} " +
            gifts.Any(c => c.Supporter.Email == r.Email && c.StartedAt >= r.SentAt && c.StartedAt <= r.SentAt!.Value.AddDays(30))));
    }

    private static async Task<string> KeptAsync(SupportDbContext db) => string.Join('\n',
        (await db.Reminders.AsNoTracking().Where(r => r.Status == EmailStatus.Sent && r.SentAt != null).OrderBy(r => r.Id).ToListAsync())
        .Select(r => $"{r.Id} {r.Email} {r.Converted}"));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Kept_conversions_equal_the_from_scratch_search_after_a_random_history(int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        DateTime Some() => start.AddHours(random.Next(24 * 120));
        string Email() => $"reader{random.Next(8)}-{seed}@example.org";
        for (var step = 0; step < 40; step++)
        {
            var n = step;
            await app.QueryAsync(async db =>
            {
                async Task StepAsync()
                {
                    // One pending reminder per email at most (the database decides); the sent ones share the emails.
                    var pending = random.Next(3) == 0;
                    db.Reminders.Add(new Reminder
                    {
                        Email = pending ? $"pending-{seed}-{n}@example.org" : Email(), UnsubscribeToken = $"u-{seed}-{n}", CreatedAt = start,
                        DueAt = start, Status = pending ? EmailStatus.Pending : EmailStatus.Sent, SentAt = pending ? null : Some(),
                    });
                    var supporter = await db.Supporters.FirstOrDefaultAsync(s => s.StripeCustomerId == $"cus_{seed}_{n % 6}")
                        ?? db.Supporters.Add(new Supporter { StripeCustomerId = $"cus_{seed}_{n % 6}", Email = Email(), CreatedAt = start }).Entity;
                    db.Contributions.Add(new Contribution
                    {
                        StripeSubscriptionId = $"sub_{seed}_{n}", Currency = "usd", Supporter = supporter, AmountCents = 500, StartedAt = Some(),
                        Status = random.Next(4) == 0 ? ContributionStatus.Incomplete : ContributionStatus.Active,
                    });
                    await db.SaveChangesAsync();
                    // Then change earlier rows: a gift becomes real or not, starts at another time, a supporter's email changes.
                    foreach (var earlier in await db.Contributions.Where(c => c.StripeSubscriptionId!.StartsWith($"sub_{seed}_"))
                        .OrderBy(c => c.Id).Skip(random.Next(0, 10)).Take(random.Next(0, 3)).ToListAsync())
                    {
                        earlier.Status = random.Next(3) == 0 ? ContributionStatus.IncompleteExpired : ContributionStatus.Canceled;
                        earlier.StartedAt = random.Next(2) == 0 ? Some() : earlier.StartedAt;
                    }
                    var movedId = $"cus_{seed}_{random.Next(6)}";
                    if (random.Next(4) == 0 && await db.Supporters.FirstOrDefaultAsync(s => s.StripeCustomerId == movedId) is { } moved)
                    {
                        moved.Email = Email();
                    }
                    await db.SaveChangesAsync();
                }
                if (random.Next(2) == 0)
                {
                    await db.InTransactionAsync(async _ => await StepAsync(), CancellationToken.None);
                }
                else
                {
                    await StepAsync();
                }
                return 0;
            });
        }

        var expected = await app.QueryAsync(FromScratchAsync);
        Assert.Contains(" True", expected);
        Assert.Contains(" False", expected);
        Assert.Equal(expected, await app.QueryAsync(KeptAsync));
        await app.QueryAsync(async db => { await db.Reminders.ExecuteUpdateAsync(s => s.SetProperty(r => r.Converted, false)); return 0; });
        await app.QueryAsync(db => MonthTotalsRebuild.RunAsync(db, CancellationToken.None));
        Assert.Equal(expected, await app.QueryAsync(KeptAsync));
    }
}
