using Microsoft.AspNetCore.Identity;

namespace CustomerCare.Data.Entities;

public sealed class CareUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>Relative URL of a picture; null shows initials on a colour derived from the name.</summary>
    public string? AvatarUrl { get; set; }

    /// <summary>Staff show their team ("Customer Care") beside their name; customers leave it empty.</summary>
    public string? JobTitle { get; set; }

    public required DateTime CustomerSince { get; set; }

    /// <summary>The language mails are written in ("en", "de"); null until the person chooses, then the portal's default.</summary>
    public string? Language { get; set; }

    public const int BlockReasonMaxLength = 500;

    /// <summary>
    /// Set while the team has blocked the person: they may not propose, file, reply (except in their own complaints),
    /// vote or report, and are told <see cref="BlockReason"/> at the form. Null again once unblocked.
    /// </summary>
    public DateTime? BlockedAt { get; set; }

    public string? BlockedById { get; set; }

    public string? BlockReason { get; set; }

    /// <summary>
    /// The name a deleted account keeps in <see cref="DisplayName"/>. The display layer shows it in the reader's language
    /// ("Former customer", "Ehemaliger Kunde"); nobody may choose it as a name of their own.
    /// </summary>
    public const string FormerCustomerName = "Former customer";

    /// <summary>
    /// Set when the person deleted their account: the row stays as a tombstone with the same id (so votes, counters and
    /// public posts keep their keys) but holds nothing about the person — no name, address, password or picture.
    /// </summary>
    public DateTime? DeletedAt { get; set; }
}
