using Support.Data;
using Support.Web.Supporters;
using Support.Web.Supporters.Emails;

namespace Support.Web.Stripe.Webhooks;

/// <summary>
/// The database side of one event, prepared in the request (after the Stripe reads) and run by whoever holds the
/// write transaction: the request itself (SQL Server) or the group-commit writer (SQLite), with that writer's context.
/// </summary>
public delegate Task EventChange(EventWriteScope scope, CancellationToken ct);

/// <summary>The services an <see cref="EventChange"/> writes through, all over one <see cref="SupportDbContext"/>.</summary>
public sealed record EventWriteScope(SupportDbContext Db, SupporterLedger Ledger, SupporterEmailOutbox Emails)
{
    public static EventWriteScope From(IServiceProvider services) => new(
        services.GetRequiredService<SupportDbContext>(),
        services.GetRequiredService<SupporterLedger>(),
        services.GetRequiredService<SupporterEmailOutbox>());
}
