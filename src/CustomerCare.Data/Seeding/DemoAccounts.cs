using CustomerCare.Data.Entities;

namespace CustomerCare.Data.Seeding;

public sealed record DemoAccount(string Email, string Password, string DisplayName, string Role);

/// <summary>
/// One sign-in per role for the demo data, named in the README and used by the browser tests. The other
/// people of the demo company have no password: they write, vote and answer, but nobody signs in as them.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Demo!2345";

    public static readonly DemoAccount Customer = new("customer@demo.local", Password, "Clara Schmidt", Roles.Customer);

    public static readonly DemoAccount Staff = new("staff@demo.local", Password, "Anna Berger", Roles.Staff);

    public static readonly DemoAccount ProductOwner = new("productowner@demo.local", Password, "Jonas Weber", Roles.ProductOwner);

    public static readonly DemoAccount Admin = new("admin@demo.local", Password, "Sabine Krüger", Roles.Admin);

    public static readonly IReadOnlyList<DemoAccount> All = [Customer, Staff, ProductOwner, Admin];
}
