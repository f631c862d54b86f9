using Microsoft.AspNetCore.HostFiltering;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Requests the portal refuses before any page sees them, because a page could only fail on them. An HTTP/1.0 request
/// may come without a Host header (HTTP/1.1 requires one, and Kestrel enforces that); every page builds its addresses
/// from the host, and Blazor failed with a 500 on an empty one. Host filtering (on in every ASP.NET Core host, with
/// AllowedHosts "*") now answers such a request with 400.
/// </summary>
public static class OddRequests
{
    public static void AddOddRequestGuards(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<HostFilteringOptions>(o => o.AllowEmptyHosts = false);
    }
}
