namespace CustomerCare.Web.Live;

/// <summary>How live events travel between servers (section <c>Live</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// A StackExchange.Redis configuration string (e.g. <c>redis.internal:6379,password=…</c>). Empty keeps
    /// events inside this process, which is all a single server needs.
    /// </summary>
    public string Redis { get; set; } = "";

    /// <summary>The Redis pub/sub channel every server of one portal shares; separate portals on one Redis need separate channels.</summary>
    public string Channel { get; set; } = "customercare:live";

    /// <summary>
    /// Sites besides the portal itself whose pages may open the public hub (a widget on the company's homepage), as
    /// origins: <c>https://www.example.com</c>. The portal's own host and <c>Portal:PublicUrl</c> need no entry.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// How long a visitor's page (nobody signed in) stays in the output cache, in seconds; 0 keeps none. Long, because the
    /// live events evict a page the moment what it shows changes (Infrastructure/VisitorCache); it bounds only what no
    /// event announces, such as the roadmap's 90-day window for shipped ideas.
    /// </summary>
    public int CachedPageSeconds { get; set; } = 600;

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);
}
