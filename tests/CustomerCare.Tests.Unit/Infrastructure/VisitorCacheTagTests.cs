using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;

namespace CustomerCare.Tests.Unit.Infrastructure;

/// <summary>What a page says about its kept copy reaches the cache only for a page being kept.</summary>
public sealed class VisitorCacheTagTests
{
    [Fact]
    public void A_page_being_kept_files_itself_under_what_it_shows_and_may_keep_itself_shorter()
    {
        var (request, cache) = Request(kept: true);
        cache.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);

        VisitorCache.Tag(request, "post:7", VisitorCacheTags.Person("anna"));
        VisitorCache.KeepAtMost(request, TimeSpan.FromMinutes(1));
        VisitorCache.KeepAtMost(request, TimeSpan.FromMinutes(5));
        VisitorCache.KeepAtMost(request, null);

        Assert.Equal(["person:anna", "post:7"], cache.Tags.Order());
        Assert.Equal(TimeSpan.FromMinutes(1), cache.ResponseExpirationTimeSpan);
    }

    [Fact]
    public void A_page_not_being_kept_changes_nothing()
    {
        var (request, cache) = Request(kept: false);

        VisitorCache.Tag(request, "post:7");
        VisitorCache.KeepAtMost(request, TimeSpan.FromMinutes(1));
        VisitorCache.Tag(null, "post:7");

        Assert.Empty(cache.Tags);
        Assert.Null(cache.ResponseExpirationTimeSpan);
    }

    private static (HttpContext Request, OutputCacheContext Cache) Request(bool kept)
    {
        var request = new DefaultHttpContext();
        var cache = new OutputCacheContext { HttpContext = request, EnableOutputCaching = kept };
        request.Features.Set<IOutputCacheFeature>(new Feature(cache));
        return (request, cache);
    }

    private sealed class Feature(OutputCacheContext context) : IOutputCacheFeature
    {
        public OutputCacheContext Context => context;
    }
}
