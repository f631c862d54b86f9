namespace CustomerCare.Web.Features.Webhooks;

public sealed record WebhookEndpointRow(
    int Id, string Url, string? Description, IReadOnlyList<string> Events, bool IncludeInternal, DateTime CreatedAt,
    DateTime? DisabledAt, string? DisabledReason, int ConsecutiveFailures);

/// <summary>What an admin types; kept by the form as it is, so a refused save loses nothing.</summary>
public sealed class WebhookInput
{
    public string Url { get; set; } = "";

    public string? Description { get; set; }

    public ISet<string> Events { get; } = new HashSet<string>(StringComparer.Ordinal);

    public bool IncludeInternal { get; set; }
}

public enum WebhookInputProblem
{
    None,
    UrlMissing,
    UrlInvalid,
    UrlHasCredentials,
    UrlUnresolvable,
    UrlInternal,
    NoEvents,
    DescriptionTooLong,
    NotFound,
}

/// <summary>The outcome of a save: a problem, or the endpoint and, when it was just made, its secret (shown this once).</summary>
public sealed record WebhookSaveResult(WebhookInputProblem Problem, int? EndpointId = null, string? Secret = null)
{
    public bool Saved => Problem == WebhookInputProblem.None;
}

public enum WebhookDeliveryStatus
{
    Pending,
    Retrying,
    Delivered,
    Failed,
}

public sealed record WebhookDeliveryRow(
    long Id, string EventType, string MessageId, DateTime CreatedAt, WebhookDeliveryStatus Status, int Attempts,
    DateTime? LastAttemptAt, DateTime NextAttemptAt, int? LastStatusCode, string? LastResponse, string Payload);
