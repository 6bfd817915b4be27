using Support.Web.Account;
using Support.Web.Articles;
using Support.Web.Checkout;
using Support.Web.Commands;
using Support.Web.Data;
using Support.Web.Email;
using Support.Web.Embed;
using Support.Web.Experiments;
using Support.Web.Hosting;
using Support.Web.Jobs;
using Support.Web.Keeping;
using Support.Web.Prompt;
using Support.Web.Reconciliation;
using Support.Web.Reminders;
using Support.Web.Reports;
using Support.Web.Staff;
using Support.Web.Stripe;
using Support.Web.Stripe.Webhooks;
using Support.Web.Supporters;
using Support.Web.Supporters.Emails;

// Support: reader membership and donations beside a publisher's site. One line per concern; details live in
// each feature folder's extension methods. Middleware is listed here, in order; Map methods only map.
NativeHeap.LimitArenas();
var builder = WebApplication.CreateBuilder(args);

builder.AddHosting();
builder.AddReverseProxy();
builder.AddHealth();
builder.AddGracefulShutdown();
builder.AddMetrics();
builder.AddSecurityHeaders();
builder.AddSupportDatabase();
builder.AddKeyRing();
builder.AddStripe();
builder.AddArticles();
builder.AddPrompt();
builder.AddExperiments();
builder.AddEmbed();
builder.AddCheckout();
builder.AddEmail();
builder.AddBackgroundJobs();
builder.AddReminders();
builder.AddSupporters();
builder.AddSupporterEmails();
builder.AddAccount();
builder.AddKeeping();
builder.AddStaff();
builder.AddReports();
builder.AddReconciliation();

var app = builder.Build();

await app.MigrateDatabaseAsync();
await app.LoadArticlesAsync();
// `staff add …`, `demo seed …` and `reconcile …` run here and exit without starting the server.
if (await app.RunCommandAsync(args))
{
    return;
}
// Before the server listens, so the first webhook after a start is as quick as the next ones.
await app.WarmUpWebhooksAsync();

// The whole middleware order, first to last.
app.UseForwardedHeaders();
// Early, so every answer carries them, error pages and static files included.
app.UseSecurityHeaders();
app.UseHostHeaderCheck();
if (!app.Environment.IsDevelopment())
{
    app.UseErrorPage();
    app.UseHsts();
}
app.UseStatusCodeMessages();
app.UseStaticFilesOfWebRoot();
app.UseUtf8Forms();
app.UseRouting();
// The embed's JSON answers Embed:AllowedOrigins only (its endpoints opt in with RequireCors).
app.UseCors();
// After routing, so it sees the endpoints others post to by design (Stripe's webhook, one-click unsubscribe).
// Reader forms carry no antiforgery token: posts from other sites' pages are refused here (ADR 0011).
app.UseCrossSitePostGuard();
app.UseRateLimiter();
// In this order: the account forms' antiforgery tokens belong to the user that authorization resolves.
// Authentication only for requests that carry a sign-in cookie: a reader's article view skips the handlers.
app.UseSessionAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealth();
app.MapMetrics();
app.MapArticles();
app.MapPrompt();
app.MapEmbed();
app.MapCheckout();
app.MapReminders();
app.MapAccount();
app.MapStripe();
app.MapStaff();
app.MapReports();
app.MapReconciliation();
app.MapExperiments();
app.ScheduleRecurringJobs();
app.LogEmailDestination();

app.Run();
