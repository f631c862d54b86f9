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

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);
}
