using System.Globalization;
using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Infrastructure.Access;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Identity;

namespace CustomerCare.Web.Components.Account.External;

public enum ExternalResult
{
    SignedIn,

    /// <summary>A new account, but the name from the provider cannot be shown here: the person picks one.</summary>
    NeedsName,
    Refused,
}

public enum ExternalRefusal
{
    /// <summary>The provider sent no e-mail address: nothing to find or create an account by.</summary>
    NoEmail,

    /// <summary>No account has the address, and the provider did not confirm it: no account is made for an address nobody proved.</summary>
    EmailNotVerified,

    /// <summary>An account has the address, but the provider did not confirm it: it is not linked.</summary>
    AddressTakenNotVerified,
    LockedOut,
}

public sealed record ExternalOutcome(
    ExternalResult Result, string? UserId = null, ExternalRefusal? Refusal = null, string? SuggestedName = null,
    DisplayNameProblem? NameProblem = null, bool Created = false, bool Linked = false);

/// <summary>
/// What a sign-in through a provider means here, decided on the login Identity stores (AspNetUserLogins): a known login
/// signs its account in; otherwise an account with the same address is linked only when the provider says it verified
/// the address (<c>email_verified</c>); otherwise a verified new address becomes a customer, named from the claims.
/// Staff roles follow the provider's <see cref="ExternalProviderOptions.RoleMap"/> at every sign-in. Works in a scope of
/// its own, so the page that signs the person in afterwards reads the account as it is now.
/// </summary>
public sealed class ExternalAccounts(
    IServiceScopeFactory scopes, ExternalProviders providers, DisplayNames names, SecurityLog securityLog, AccessChanges access,
    ILiveBus bus, TimeProvider time, ILogger<ExternalAccounts> log)
{
    public async Task<ExternalOutcome> ResolveAsync(ExternalLoginInfo info, string? chosenName, IPAddress? client, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(info);
        var provider = providers.ByScheme(info.LoginProvider)
            ?? throw new InvalidOperationException($"Sign-in through unknown scheme {info.LoginProvider}.");
        var claims = ExternalClaims.From(info.Principal, provider.Options.RoleClaim);
        var (decides, grants) = provider.RolesFor(claims.RoleValues);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        bool created = false, linked = false;
        if (user is null)
        {
            if (claims.Email is null)
            {
                return new(ExternalResult.Refused, Refusal: ExternalRefusal.NoEmail);
            }

            user = await users.FindByEmailAsync(claims.Email);
            if (user is not null && !claims.EmailVerified)
            {
                await securityLog.RecordAsync(SecurityEventKind.ExternalLinkRefused, user.Id, client, detail: provider.DisplayName, ct: ct);
                return new(ExternalResult.Refused, Refusal: ExternalRefusal.AddressTakenNotVerified);
            }

            if (user is null && !claims.EmailVerified)
            {
                return new(ExternalResult.Refused, Refusal: ExternalRefusal.EmailNotVerified);
            }

            if (user is null)
            {
                var (name, problem) = await names.CheckAsync(chosenName ?? claims.Name, userId: null, ct);
                // Someone the provider makes staff keeps their name, as colleagues do.
                if (problem is { } p && !(p == DisplayNameProblem.TakenByStaff && grants.Count > 0))
                {
                    return new(ExternalResult.NeedsName, SuggestedName: name, NameProblem: p);
                }

                user = await CreateAsync(users, claims.Email, name);
                created = true;
            }
            else
            {
                await LinkAsync(users, user);
                linked = true;
            }

            Check(await users.AddLoginAsync(user, info), $"Adding login {info.LoginProvider} to {user.Id}");
            await securityLog.RecordAsync(
                created ? SecurityEventKind.ExternalAccountCreated : SecurityEventKind.ExternalLoginLinked, user.Id, client, detail: provider.DisplayName, ct: ct);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return new(ExternalResult.Refused, UserId: user.Id, Refusal: ExternalRefusal.LockedOut);
        }

        if (await ApplyRolesAsync(users, user, provider, decides, grants, client, ct))
        {
            if (!created)
            {
                // Cookies and open pages with the old roles end, as when an admin changes a role.
                await access.EndSessionsAsync(user.Id, AccessChangeReason.RoleChanged, ct);
            }
            else
            {
                // Someone who joins as staff appears on the team page at once, also in visitors' kept copies of it.
                await bus.PublishAsync(new PublicPagesChanged([VisitorCacheTags.Team], time.GetUtcNow().UtcDateTime), ct);
            }
        }

        await securityLog.RecordAsync(SecurityEventKind.SignedInExternally, user.Id, client, detail: provider.DisplayName, ct: ct);
        return new(ExternalResult.SignedIn, user.Id, Created: created, Linked: linked);
    }

    private async Task<CareUser> CreateAsync(UserManager<CareUser> users, string email, string name)
    {
        var user = new CareUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true, // the provider said it verified the address
            DisplayName = name,
            CustomerSince = time.GetUtcNow().UtcDateTime,
            Language = HostingExtensions.Cultures.Contains(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)
                ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName
                : HostingExtensions.Cultures[0],
        };
        Check(await users.CreateAsync(user), $"Creating an account for a sign-in through a provider");
        Check(await users.AddToRoleAsync(user, Roles.Customer), $"Making {user.Id} a customer");
        log.LogInformation("Account {UserId} created at its first sign-in through a provider", user.Id);
        return user;
    }

    // The provider proved the address, which is all a confirmation mail would have proved.
    private static async Task LinkAsync(UserManager<CareUser> users, CareUser user)
    {
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            Check(await users.UpdateAsync(user), $"Confirming the address of {user.Id}");
        }
    }

    private async Task<bool> ApplyRolesAsync(
        UserManager<CareUser> users, CareUser user, ExternalProvider provider, IReadOnlyList<string> decides, IReadOnlySet<string> grants,
        IPAddress? client, CancellationToken ct)
    {
        var changed = false;
        foreach (var role in decides)
        {
            var want = grants.Contains(role);
            if (await users.IsInRoleAsync(user, role) == want)
            {
                continue;
            }

            Check(want ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role), $"Setting role {role} of {user.Id}");
            await securityLog.RecordAsync(
                want ? SecurityEventKind.RoleGranted : SecurityEventKind.RoleRevoked, user.Id, client, detail: $"{role} ({provider.DisplayName})", ct: ct);
            changed = true;
        }

        return changed;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{what} failed: {string.Join(", ", result.Errors.Select(e => e.Code))}");
        }
    }
}
