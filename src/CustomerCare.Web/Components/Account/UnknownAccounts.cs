using System.Security.Cryptography;
using CustomerCare.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace CustomerCare.Web.Components.Account;

/// <summary>
/// Work done for an e-mail address that has no account, so that the answer takes as long as for one that has: the
/// password hash is the slow part of a sign-in or a registration (tens of milliseconds), and skipping it told strangers
/// which addresses have accounts here.
/// </summary>
internal static class UnknownAccounts
{
    private static readonly CareUser Nobody = new() { UserName = "nobody", DisplayName = "nobody", CustomerSince = DateTime.UnixEpoch };

    // A hash of a random password made once with the default settings, the same as every stored hash.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<CareUser>().HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    /// <summary>Checks <paramref name="password"/> against a hash that nothing matches, as a sign-in with an account would.</summary>
    public static void VerifyPassword(IPasswordHasher<CareUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        _ = hasher.VerifyHashedPassword(Nobody, DummyHash.Value, password);
    }

    /// <summary>Hashes <paramref name="password"/> and throws the result away, as creating an account would hash it.</summary>
    public static void HashPassword(IPasswordHasher<CareUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        _ = hasher.HashPassword(Nobody, password);
    }
}
