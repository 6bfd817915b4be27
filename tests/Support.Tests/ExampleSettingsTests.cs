using Microsoft.Extensions.Configuration;

namespace Support.Tests;

/// <summary>appsettings.example.json must document every setting the options classes read.</summary>
public sealed class ExampleSettingsTests
{
    public static TheoryData<string, Type> OptionsSections => new()
    {
        { Support.Web.Data.DatabaseOptions.Section, typeof(Support.Web.Data.DatabaseOptions) },
        { Support.Web.Stripe.StripeOptions.Section, typeof(Support.Web.Stripe.StripeOptions) },
        { Support.Web.Articles.ArticleOptions.Section, typeof(Support.Web.Articles.ArticleOptions) },
        { Support.Web.Prompt.PromptOptions.Section, typeof(Support.Web.Prompt.PromptOptions) },
        { Support.Web.Prompt.PromptFatigueOptions.Section, typeof(Support.Web.Prompt.PromptFatigueOptions) },
        { Support.Web.Experiments.ExperimentOptions.Section, typeof(Support.Web.Experiments.ExperimentOptions) },
        { Support.Web.Email.SiteOptions.Section, typeof(Support.Web.Email.SiteOptions) },
        { Support.Web.Embed.EmbedOptions.Section, typeof(Support.Web.Embed.EmbedOptions) },
        { Support.Web.Email.SmtpOptions.Section, typeof(Support.Web.Email.SmtpOptions) },
        { Support.Web.Jobs.BackgroundJobOptions.Section, typeof(Support.Web.Jobs.BackgroundJobOptions) },
        { Support.Web.Reminders.ReminderOptions.Section, typeof(Support.Web.Reminders.ReminderOptions) },
        { Support.Web.Supporters.Emails.SupporterEmailOptions.Section, typeof(Support.Web.Supporters.Emails.SupporterEmailOptions) },
        { Support.Web.Keeping.KeepingOptions.Section, typeof(Support.Web.Keeping.KeepingOptions) },
        { Support.Web.Account.AccountOptions.Section, typeof(Support.Web.Account.AccountOptions) },
        { Support.Web.Reports.ReportOptions.Section, typeof(Support.Web.Reports.ReportOptions) },
        { Support.Web.Hosting.ProxyOptions.Section, typeof(Support.Web.Hosting.ProxyOptions) },
        { Support.Web.Hosting.ShutdownOptions.Section, typeof(Support.Web.Hosting.ShutdownOptions) },
        { Support.Web.Hosting.KeyRingOptions.Section, typeof(Support.Web.Hosting.KeyRingOptions) },
        { Support.Web.Hosting.MetricsOptions.Section, typeof(Support.Web.Hosting.MetricsOptions) },
        { Support.Web.Staff.StaffOptions.Section, typeof(Support.Web.Staff.StaffOptions) },
    };

    [Theory]
    [MemberData(nameof(OptionsSections))]
    public void Example_file_documents_every_setting_of_the_section(string section, Type optionsType)
    {
        var example = new ConfigurationBuilder().AddJsonFile(ExampleFile(), optional: false).Build().GetSection(section);
        var settable = optionsType.GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic).Select(p => p.Name);

        var missing = settable.Where(name => !example.GetChildren().Any(c => c.Key == name)).ToList();

        Assert.True(missing.Count == 0, $"appsettings.example.json lacks {section}:{string.Join(", " + section + ":", missing)}");
    }

    private static string ExampleFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "appsettings.example.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("appsettings.example.json not found above the test output folder.");
    }
}
