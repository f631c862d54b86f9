using System.Net;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace CustomerCare.Tests.Unit.Infrastructure;

public sealed class RateLimitOptionsTests
{
    private static readonly RateLimitOptions Defaults = new();

    public static TheoryData<string> Acts() => ["Ideas", "Complaints", "Replies", "Votes", "Reports"];

    [Theory]
    [MemberData(nameof(Acts))]
    public void New_accounts_get_less_than_customers_and_customers_less_than_staff(string act)
    {
        var limit = (ActLimit)typeof(RateLimitOptions).GetProperty(act)!.GetValue(Defaults)!;

        Assert.True(limit.NewAccount < limit.Customer, $"{act}: {limit.NewAccount} for new accounts, {limit.Customer} for customers");
        Assert.True(limit.Customer < limit.Staff, $"{act}: {limit.Customer} for customers, {limit.Staff} for staff");
    }

    [Fact]
    public void The_root_appsettings_json_states_every_default()
    {
        // Bound into an options object with every value blanked, so a value the file leaves out shows as missing.
        var stated = new RateLimitOptions();
        foreach (var property in typeof(RateLimitOptions).GetProperties())
        {
            property.SetValue(stated, property.PropertyType == typeof(TimeSpan) ? TimeSpan.Zero : Activator.CreateInstance(property.PropertyType));
        }

        new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json")).Build()
            .GetSection(RateLimitOptions.Section).Bind(stated);

        Assert.Equal(Describe(Defaults), Describe(stated));
    }

    [Fact]
    public void The_defaults_pass_the_start_up_check() => Assert.Empty(Defaults.Problems());

    [Fact]
    public void A_limit_of_nothing_or_a_window_of_no_time_stops_start_up_naming_the_setting()
    {
        var options = new RateLimitOptions();
        options.Replies.NewAccount = 0;
        options.SignIn.Window = TimeSpan.Zero;

        var problems = options.Problems().ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("RateLimits:SignIn ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("RateLimits:Replies ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Clients_are_counted_by_IPv4_address_or_IPv6_64_prefix(string address, string client) =>
        Assert.Equal(client, RequestRateLimits.ClientAddress(IPAddress.Parse(address)));

    // Every value, so a default changed in the class and not in appsettings.json (or the documentation) shows here.
    private static string Describe(RateLimitOptions o) => string.Join("; ",
        typeof(RateLimitOptions).GetProperties().Select(p => p.GetValue(o) switch
        {
            RequestLimit r => $"{p.Name} {r.PerAddress}/{r.PerAccount}/{r.Window}",
            ActLimit a => $"{p.Name} {a.NewAccount}/{a.Customer}/{a.Staff}/{a.Window}",
            var v => $"{p.Name} {v}",
        }));
}
