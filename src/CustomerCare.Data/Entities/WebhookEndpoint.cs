namespace CustomerCare.Data.Entities;

/// <summary>
/// A receiver an admin registered: where to POST, which events, and whether it may see internal data (private
/// complaints, internal notes, e-mail addresses). The signing secret is stored protected (ASP.NET Data Protection),
/// shown once when made or rotated. After too many failed deliveries in a row the portal switches it off
/// (<see cref="DisabledAt"/>, <see cref="DisabledReason"/>) and tells the admins. No person's data: who made it is not kept.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int UrlMaxLength = 2_000;
    public const int DescriptionMaxLength = 200;
    public const int EventsMaxLength = 1_000;
    public const int SecretMaxLength = 1_000;
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }

    public required string Url { get; set; }

    public string? Description { get; set; }

    /// <summary>The event types it receives, space-separated ("idea.created reply.created").</summary>
    public required string Events { get; set; }

    /// <summary>True: internal payloads (private complaints too); false: only what an anonymous reader may see.</summary>
    public bool IncludeInternal { get; set; }

    /// <summary>The "whsec_…" signing secret, protected with Data Protection; never shown again after it was made.</summary>
    public required string ProtectedSecret { get; set; }

    public required DateTime CreatedAt { get; set; }

    public required DateTime UpdatedAt { get; set; }

    public DateTime? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    /// <summary>Deliveries that failed in a row (a success resets it); at the limit the endpoint is switched off.</summary>
    public int ConsecutiveFailures { get; set; }

    public List<WebhookDelivery> Deliveries { get; } = [];
}
