using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Support.Data.Supporters.Emails;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Support.Data.Account;
using Support.Data.Articles;
using Support.Data.Keeping;
using Support.Data.Reconciliation;
using Support.Data.Experiments;
using Support.Data.Reminders;
using Support.Data.Prompt;
using Support.Data.Reports;
using Support.Data.Staff;
using Support.Data.Stripe;
using Support.Data.Supporters;

namespace Support.Data;

/// <summary>
/// The whole model, staff accounts (Identity) and Data Protection keys included, so one database and one set of
/// migrations hold it.
/// </summary>
public sealed class SupportDbContext(DbContextOptions<SupportDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Supporter> Supporters => Set<Supporter>();
    public DbSet<Contribution> Contributions => Set<Contribution>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<ProcessedStripeEvent> ProcessedStripeEvents => Set<ProcessedStripeEvent>();
    public DbSet<StripeObject> StripeObjects => Set<StripeObject>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<SignInToken> SignInTokens => Set<SignInToken>();
    public DbSet<AccountSession> AccountSessions => Set<AccountSession>();
    public DbSet<EmailDispatch> EmailDispatches => Set<EmailDispatch>();
    public DbSet<PromptDailyStat> PromptDailyStats => Set<PromptDailyStat>();
    public DbSet<SaveOffer> SaveOffers => Set<SaveOffer>();
    public DbSet<ReportMonth> ReportMonths => Set<ReportMonth>();
    public DbSet<ReportLiveGift> ReportLiveGifts => Set<ReportLiveGift>();
    public DbSet<ReportArticleMonth> ReportArticleMonths => Set<ReportArticleMonth>();
    public DbSet<ReportActiveSupporter> ReportActiveSupporters => Set<ReportActiveSupporter>();
    public DbSet<ReconciliationRun> ReconciliationRuns => Set<ReconciliationRun>();
    public DbSet<ReconciliationFinding> ReconciliationFindings => Set<ReconciliationFinding>();
    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<ExperimentVariant> ExperimentVariants => Set<ExperimentVariant>();

    /// <summary>The key ring every instance signs and encrypts cookies and form tokens with (docs/deployment.md).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SupportDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; the converter restores DateTimeKind.Utc on read (SQLite stores text).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
