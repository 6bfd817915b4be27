using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Data.Account;

/// <summary>
/// The session version of a supporter's email: every signed-in cookie carries <see cref="Stamp"/>, and each request
/// is checked against this row. Signing out deletes it, ending every session of the email (a copied cookie too);
/// so does erasing the account. The next sign-in starts a new random stamp, so old cookies never match again.
/// </summary>
public sealed class AccountSession
{
    /// <summary>Normalised email, as sign-in links carry it.</summary>
    public required string Email { get; set; }
    /// <summary>Random, base64url; the cookie's claim must equal it.</summary>
    public required string Stamp { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class AccountSessionConfiguration : IEntityTypeConfiguration<AccountSession>
{
    public void Configure(EntityTypeBuilder<AccountSession> builder)
    {
        builder.HasKey(s => s.Email);
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.Stamp).HasMaxLength(64);
    }
}
