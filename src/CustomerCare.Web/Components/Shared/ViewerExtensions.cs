using Microsoft.AspNetCore.Components.Authorization;

using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Components.Shared;

public static class ViewerExtensions
{
    public static async Task<Viewer> ViewerAsync(this Task<AuthenticationState>? state) =>
        state is null ? Viewer.Anonymous : Viewer.From((await state).User);
}
