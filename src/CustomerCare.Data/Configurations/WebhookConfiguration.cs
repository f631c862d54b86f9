using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerCare.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
        endpoint.Property(e => e.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
        endpoint.Property(e => e.Events).HasMaxLength(WebhookEndpoint.EventsMaxLength);
        endpoint.Property(e => e.ProtectedSecret).HasMaxLength(WebhookEndpoint.SecretMaxLength);
        endpoint.Property(e => e.DisabledReason).HasMaxLength(WebhookEndpoint.ReasonMaxLength);
        endpoint.HasMany(e => e.Deliveries).WithOne(d => d.Endpoint).HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.Property(d => d.EventType).HasMaxLength(WebhookDelivery.EventTypeMaxLength);
        delivery.Property(d => d.DedupKey).HasMaxLength(WebhookDelivery.DedupKeyMaxLength);
        delivery.Property(d => d.MessageId).HasMaxLength(WebhookDelivery.MessageIdMaxLength);
        delivery.Property(d => d.LastResponse).HasMaxLength(WebhookDelivery.ResponseMaxLength);

        // The same event is stored once per endpoint; the sender reads what is due and neither delivered nor given up;
        // the log lists one endpoint's deliveries newest first.
        delivery.HasIndex(d => d.DedupKey).IsUnique();
        delivery.HasIndex(d => new { d.DeliveredAt, d.GaveUpAt, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.EndpointId, d.Id });
        // An account deletion removes the deliveries about the posts and replies whose text it erases.
        delivery.HasIndex(d => d.PostId);
        delivery.HasIndex(d => d.ReplyId);
    }
}
