using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Support.Data.Account;
using Support.Web.Supporters.Emails;
using static Support.Tests.Account.AccountSteps;

namespace Support.Tests.Account;

/// <summary>What happens to emails whose job was lost between the webhook's commit and its enqueue.</summary>
public sealed class SupporterEmailSweepTests(AccountAppFactory app) : IClassFixture<AccountAppFactory>
{
    [Fact]
    public async Task Pending_email_whose_job_never_ran_is_sent_by_the_sweep()
    {
        var email = NewEmail("orphan");
        var id = await AddDispatchAsync(email, attempts: 0, age: TimeSpan.FromMinutes(10));

        await SweepAsync();

        var message = await app.Smtp.WaitForAsync(email);
        Assert.Equal("Thank you for supporting The Moscow Times", message.Subject);
        Assert.Equal(EmailDispatchStatus.Sent, await StatusAsync(id));
    }

    [Fact]
    public async Task Pending_email_younger_than_the_grace_period_is_left_to_its_own_job()
    {
        var id = await AddDispatchAsync(NewEmail("young"), attempts: 0, age: TimeSpan.Zero);

        await SweepAsync();
        await Task.Delay(500);

        Assert.Equal(EmailDispatchStatus.Pending, await StatusAsync(id));
    }

    [Fact]
    public async Task Email_that_failed_too_often_is_given_up_with_its_last_error()
    {
        var id = await AddDispatchAsync(NewEmail("exhausted"), attempts: SupporterEmailSweeper.MaxAttempts, age: TimeSpan.FromHours(3));

        await SweepAsync();

        var dispatch = await app.QueryAsync(db => db.EmailDispatches.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal(EmailDispatchStatus.Failed, dispatch.Status);
        Assert.Contains("Gave up", dispatch.LastError);
        Assert.Contains("451 try later", dispatch.LastError);
    }

    private async Task<long> AddDispatchAsync(string email, int attempts, TimeSpan age)
    {
        var dispatch = new EmailDispatch
        {
            Kind = EmailKind.ThankYou,
            Key = "in_" + Guid.NewGuid().ToString("N"),
            Email = email,
            AmountCents = 500,
            Currency = "usd",
            Status = EmailDispatchStatus.Pending,
            Attempts = attempts,
            LastError = attempts > 0 ? "451 try later" : null,
            CreatedAt = DateTime.UtcNow - age,
        };
        await app.QueryAsync(async db =>
        {
            db.EmailDispatches.Add(dispatch);
            return await db.SaveChangesAsync();
        });
        return dispatch.Id;
    }

    private async Task SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SupporterEmailSweeper>().RunAsync(CancellationToken.None);
    }

    private Task<EmailDispatchStatus> StatusAsync(long id) =>
        app.QueryAsync(db => db.EmailDispatches.Where(d => d.Id == id).Select(d => d.Status).SingleAsync());
}
