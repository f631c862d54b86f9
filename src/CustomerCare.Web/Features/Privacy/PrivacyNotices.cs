using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Privacy;

/// <summary>The notice's Markdown for one language; <see cref="MissingFile"/> set when the configured file cannot be read.</summary>
public sealed record PrivacyNotice(string? Markdown, string? MissingFile, string Setting);

/// <summary>
/// Reads the privacy notice per language: the company's file named by <c>Privacy:Notice:{language}</c>, read at every
/// request so a changed file shows without a restart, or the notice that ships with the portal (Notices/*.md, built in).
/// In either, <c>{{Company}}</c> and <c>{{Contact}}</c> become <c>Portal:Company</c> and <c>Privacy:Contact</c>.
/// </summary>
public sealed partial class PrivacyNotices(IOptions<PrivacyOptions> options, IOptions<PortalOptions> portal, IHostEnvironment environment, ILogger<PrivacyNotices> log)
{
    public const string CompanyToken = "{{Company}}";
    public const string ContactToken = "{{Contact}}";

    private readonly string root = DataFolder.Root(environment);

    /// <summary>The language's notice (English for a language the portal does not speak).</summary>
    public async Task<PrivacyNotice> ReadAsync(string language, string contactMissing, CancellationToken ct = default)
    {
        language = HostingExtensions.Cultures.Contains(language, StringComparer.OrdinalIgnoreCase) ? language.ToLowerInvariant() : HostingExtensions.Cultures[0];
        var setting = $"{PrivacyOptions.Section}:Notice:{language}";
        string text;
        if (ConfiguredFile(language) is { } file)
        {
            try
            {
                text = await File.ReadAllTextAsync(file, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogUnreadable(ex, setting, file);
                return new(null, file, setting);
            }
        }
        else
        {
            text = await ShippedAsync(language, ct);
        }

        var contact = options.Value.Contact.Trim() is { Length: > 0 } named ? named : contactMissing;
        var company = portal.Value.Company.Trim() is { Length: > 0 } name ? name : portal.Value.Name;
        return new(text.Replace(CompanyToken, company, StringComparison.Ordinal).Replace(ContactToken, contact, StringComparison.Ordinal), null, setting);
    }

    /// <summary>The absolute path of the company's file for <paramref name="language"/>, or null when none is configured.</summary>
    public string? ConfiguredFile(string language)
    {
        var configured = options.Value.Notice.FirstOrDefault(n => string.Equals(n.Key, language, StringComparison.OrdinalIgnoreCase)).Value;
        return string.IsNullOrWhiteSpace(configured) ? null : DataFolder.Resolve(root, configured.Trim());
    }

    private static async Task<string> ShippedAsync(string language, CancellationToken ct)
    {
        var name = $"{typeof(PrivacyNotices).Namespace}.Notices.notice-{language}.md";
        await using var stream = typeof(PrivacyNotices).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The portal was built without its privacy notice {name}.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The privacy notice {Setting} names {File}, which cannot be read: /privacy shows that the notice is missing until the file is there")]
    private partial void LogUnreadable(Exception ex, string setting, string file);
}

/// <summary>At start-up: says in the log which configured notice file is missing and whether the privacy contact is unset.</summary>
public sealed partial class PrivacyNoticeCheck(PrivacyNotices notices, IOptions<PrivacyOptions> options, IHostEnvironment environment, ILogger<PrivacyNoticeCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var language in HostingExtensions.Cultures)
        {
            if (notices.ConfiguredFile(language) is { } file && !File.Exists(file))
            {
                LogMissingFile($"{PrivacyOptions.Section}:Notice:{language}", file);
            }
        }

        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.Value.Contact))
        {
            LogMissingContact();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "{Setting} names {File}, which does not exist: /privacy says the notice is missing until the file is there or the setting is removed (then the notice that ships with the portal is shown)")]
    private partial void LogMissingFile(string setting, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Privacy:Contact is not set: the privacy notice tells people that no privacy contact has been named yet")]
    private partial void LogMissingContact();
}
