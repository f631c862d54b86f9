using System.Security.Claims;
using CustomerCare.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Components.Account;

/// <summary>Puts the display name, job title, avatar and an unconfirmed address into the cookie, so the app bar and presence need no query per page.</summary>
public sealed class CareClaimsPrincipalFactory(
    UserManager<CareUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CareUser, IdentityRole>(users, roles, options)
{
    public const string DisplayName = "cc:display_name";
    public const string Avatar = "cc:avatar";
    public const string JobTitle = "cc:job_title";
    public const string EmailUnconfirmed = "cc:email_unconfirmed";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CareUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, user.DisplayName));
        if (!string.IsNullOrEmpty(user.JobTitle))
        {
            identity.AddClaim(new Claim(JobTitle, user.JobTitle));
        }

        if (!string.IsNullOrEmpty(user.AvatarUrl))
        {
            identity.AddClaim(new Claim(Avatar, user.AvatarUrl));
        }

        // The app bar's gentle reminder; the confirmation page signs the person in afresh, which drops it.
        if (!user.EmailConfirmed)
        {
            identity.AddClaim(new Claim(EmailUnconfirmed, "true"));
        }

        return identity;
    }
}
