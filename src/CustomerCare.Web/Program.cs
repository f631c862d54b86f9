using CustomerCare.Web.Components;
using CustomerCare.Web.Infrastructure;

// appsettings*.json and wwwroot/ live at the repository root and are copied/linked into the
// output: see CustomerCare.Web.csproj. The content root is therefore the output folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddApplicationServices();

var app = builder.Build();

app.UseApplicationPipeline();
app.MapStaticAssets();
// Framing is decided once, for every answer, by Security:FrameAncestors (SecurityHeaders); Blazor would add a second
// policy with its own frame-ancestors to its pages.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
app.MapApplicationEndpoints();

if (!await app.PrepareDatabaseAsync())
{
    // The console logger writes from a background queue: disposing flushes it, or the one line that
    // says which setting to fix can be lost when the process exits.
    await app.DisposeAsync();
    return 1;
}

app.AnnounceReadyUrl();
await app.RunAsync();
return 0;

/// <summary>Entry point type, public so that WebApplicationFactory&lt;Program&gt; can host it in tests.</summary>
public partial class Program;
