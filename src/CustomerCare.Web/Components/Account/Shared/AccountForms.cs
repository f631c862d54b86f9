using System.Net.Mail;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Components.Account.Shared;

/// <summary>Rules the account forms share: display-name length, e-mail shape, Identity's errors in our words.</summary>
internal static class AccountForms
{
    public const int DisplayNameMinLength = 2;

    /// <summary>Matches the column length in CareUserConfiguration.</summary>
    public const int DisplayNameMaxLength = 80;

    /// <summary>Identity's column for e-mail addresses and user names.</summary>
    public const int EmailMaxLength = 256;

    /// <summary>
    /// One plain address with a dotted domain that fits the column: "anna@example" is valid by RFC but nearly always a
    /// typo here.
    /// </summary>
    public static bool LooksLikeEmail(string email) =>
        email.Length <= EmailMaxLength
        && MailAddress.TryCreate(email, out var address) && address.Address == email && address.Host.Contains('.', StringComparison.Ordinal);

    public static bool IsAboutPassword(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal);

    public static bool IsAboutEmail(IdentityError error) => error.Code is
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)
        or nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName);

    /// <summary>Identity describes its errors in English only; we translate them by code.</summary>
    public static string Describe(IdentityError error, IStringLocalizer<AccountStrings> text, PasswordOptions password)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(password);
        return error.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => text["Identity_PasswordTooShort", password.RequiredLength],
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => text["Identity_PasswordRequiresUniqueChars", password.RequiredUniqueChars],
            nameof(IdentityErrorDescriber.PasswordRequiresDigit)
                or nameof(IdentityErrorDescriber.PasswordRequiresLower)
                or nameof(IdentityErrorDescriber.PasswordRequiresUpper)
                or nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => text["Identity_" + error.Code],
            nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => text["Validation_EmailTaken"],
            nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => text["Identity_InvalidEmail"],
            nameof(IdentityErrorDescriber.InvalidToken) => text["Reset_InvalidLink"],
            _ => text["Identity_DefaultError"],
        };
    }

    /// <summary>Runs Identity's password rules without saving anything, so one submit can report them together with other problems.</summary>
    public static async Task<IReadOnlyList<IdentityError>> CheckPasswordAsync(UserManager<CareUser> users, CareUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(users);
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors);
        }

        return errors;
    }
}
