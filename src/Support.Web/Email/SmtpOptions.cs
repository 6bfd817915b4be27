using System.ComponentModel.DataAnnotations;

namespace Support.Web.Email;

/// <summary>The SMTP relay that delivers our email. With no Host in Development, messages go to .eml files.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>Sender address, e.g. <c>"The Moscow Times &lt;support@example.org&gt;"</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string From { get; set; } = "Support <support@localhost>";

    /// <summary>Upgrade the connection with STARTTLS (required when true). Off only for a local server without TLS (a mail catcher).</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>Folder (relative to the data directory) for .eml files when no Host is set in Development.</summary>
    public string PickupFolder { get; set; } = "mail";

    /// <summary>
    /// Without a <see cref="Host"/>, write .eml files to <see cref="PickupFolder"/> instead of sending (an instance
    /// whose mail nobody reads: a demo, a trial of a configuration). Development does this by itself; elsewhere a missing host is refused.
    /// </summary>
    public bool UsePickupFolder { get; set; }

    public bool WritesPickupFiles(IHostEnvironment environment) =>
        string.IsNullOrWhiteSpace(Host) && (UsePickupFolder || environment.IsDevelopment());

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
