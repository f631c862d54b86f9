using System.ComponentModel.DataAnnotations;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>The <c>PersonalData:Archive</c> section: when a person's archive is prepared in the background, and how long its link works.</summary>
public sealed class ArchiveOptions
{
    public const string Section = "PersonalData:Archive";

    /// <summary>
    /// Up to this many rows about a person (posts, replies, votes, notifications, security events) the archive is built
    /// while the download waits; above it, in the background with progress, the link shown and mailed.
    /// </summary>
    [Range(0, 10_000_000)]
    public int DirectLimit { get; set; } = 2_000;

    /// <summary>How long a prepared archive's link works; afterwards the archive is gone and the link refused.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "PersonalData:Archive:LinkLifetime must be between 5 minutes and 30 days.")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(2);
}
