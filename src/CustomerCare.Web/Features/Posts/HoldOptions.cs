using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Posts;

/// <summary>Whose ideas and replies wait for approval by the team before anyone else sees them.</summary>
public enum HoldMode
{
    /// <summary>Only the automatic holds apply (link-heavy or repeated text from a new account).</summary>
    Off,

    /// <summary>Every idea and reply of a new account waits.</summary>
    NewAccounts,

    /// <summary>Every customer's idea and reply waits.</summary>
    Everyone,
}

/// <summary>Section <c>Moderation</c>: holding posts for approval (docs/configuration.md).</summary>
public sealed class HoldOptions
{
    public const string Section = "Moderation";

    public HoldMode Hold { get; set; } = HoldMode.Off;

    /// <summary>An account registered fewer days ago than this (or with an unconfirmed address) is new.</summary>
    public int NewAccountDays { get; set; } = 7;

    /// <summary>A new account's idea or reply with at least this many links waits; 0 turns the check off.</summary>
    public int MaxLinksBeforeHold { get; set; } = 3;
}

public static class PostingServices
{
    /// <summary>The rules every poster is under: blocks and holds (<see cref="PostingRights"/>), with their settings.</summary>
    public static IServiceCollection AddPostingRights(this IServiceCollection services)
    {
        services.AddOptions<HoldOptions>().BindConfiguration(HoldOptions.Section)
            .Validate(o => o.NewAccountDays is >= 0 and <= 3650, "Moderation:NewAccountDays must be between 0 and 3650.")
            .Validate(o => o.MaxLinksBeforeHold is >= 0 and <= 1000, "Moderation:MaxLinksBeforeHold must be between 0 (off) and 1000.")
            .ValidateOnStart();
        services.AddSingleton<PostingRights>();
        return services;
    }
}
