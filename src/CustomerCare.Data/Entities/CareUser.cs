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
}
