using System.Net;
using System.Text.Json;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace CustomerCare.Tests.Integration.Webhooks;

/// <summary>The portal's webhooks against a real HTTP receiver on loopback (allowed by this portal's settings).</summary>
public sealed class WebhookDeliveryTests(WebhookPortal portal) : IClassFixture<WebhookPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_idea_reaches_the_receiver_signed_with_the_endpoints_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret, _) = await portal.AddEndpointAsync(receiver.Url, includeInternal: false, WebhookEvents.IdeaCreated);
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);

        var ideaId = await portal.ProposeIdeaAsync(author, "Dark mode for the invoice page", ct: Ct);

        var delivered = await portal.WaitForDeliveriesAsync(endpointId, d => d.Any(x => x.DeliveredAt is not null));
        var request = receiver.Received.Single(r => r.MessageId == delivered.Single().MessageId);
        new StandardWebhook(secret).Verify(request.Body, request.Headers); // throws when the signature is not the secret's
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(
            () => new StandardWebhook(WebhookSecrets.New()).Verify(request.Body, request.Headers));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("idea.created", json.RootElement.GetProperty("type").GetString());
        var post = json.RootElement.GetProperty("data").GetProperty("post");
        Assert.Equal(ideaId, post.GetProperty("id").GetInt32());
        Assert.Equal("Dark mode for the invoice page", post.GetProperty("title").GetString());
        Assert.False(post.TryGetProperty("author", out _), "A public payload names nobody.");
        Assert.DoesNotContain(author.Email, request.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(200, delivered.Single().LastStatusCode);
    }

    [Fact]
    public async Task A_receiver_answering_500_is_tried_again_and_then_gets_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n == 0 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK;
        var (endpointId, _, admin) = await portal.AddEndpointAsync(receiver.Url, includeInternal: false, WebhookEvents.IdeaCreated);

        Assert.True(await portal.Services.GetRequiredService<WebhookAdminService>().SendTestAsync(admin.Viewer, endpointId, Ct));

        var delivery = (await portal.WaitForDeliveriesAsync(endpointId, d => d.Any(x => x.DeliveredAt is not null))).Single();
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Equal(delivery.MessageId, r.MessageId));
    }

    [Fact]
    public async Task A_receiver_that_hangs_times_out_is_retried_and_never_holds_up_the_act()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n == 0 ? null : HttpStatusCode.OK;
        var (endpointId, _, _) = await portal.AddEndpointAsync(receiver.Url, includeInternal: false, WebhookEvents.IdeaCreated);
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);

        await portal.ProposeIdeaAsync(author, ct: Ct);

        // The proposal returned while the receiver still held the first attempt: it never waited for the receiver.
        Assert.All(await portal.DeliveriesAsync(endpointId), d => Assert.Equal(0, d.Attempts));
        var delivery = (await portal.WaitForDeliveriesAsync(endpointId, d => d.Any(x => x.DeliveredAt is not null))).Single();
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task Redelivering_sends_the_same_message_again_and_logs_it_anew()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, _, admin) = await portal.AddEndpointAsync(receiver.Url, includeInternal: false, WebhookEvents.IdeaCreated);
        var admins = portal.Services.GetRequiredService<WebhookAdminService>();
        await admins.SendTestAsync(admin.Viewer, endpointId, Ct);
        var first = (await portal.WaitForDeliveriesAsync(endpointId, d => d.Any(x => x.DeliveredAt is not null))).Single();

        Assert.True(await admins.RedeliverAsync(admin.Viewer, first.Id, Ct));

        var both = await portal.WaitForDeliveriesAsync(endpointId, d => d.Count == 2 && d.All(x => x.DeliveredAt is not null));
        Assert.Equal(first.MessageId, both[1].MessageId);
        Assert.Equal([first.MessageId, first.MessageId], receiver.Received.Select(r => r.MessageId));
        var log = await admins.DeliveriesAsync(admin.Viewer, endpointId, Ct);
        Assert.Equal([WebhookDeliveryStatus.Delivered, WebhookDeliveryStatus.Delivered], log.Select(l => l.Status));
    }

    [Fact]
    public async Task A_private_complaint_goes_to_internal_endpoints_only()
    {
        await using var publicReceiver = await WebhookReceiver.StartAsync();
        await using var internalReceiver = await WebhookReceiver.StartAsync();
        var (publicId, _, _) = await portal.AddEndpointAsync(publicReceiver.Url, includeInternal: false, WebhookEvents.ComplaintCreated);
        var (internalId, _, _) = await portal.AddEndpointAsync(internalReceiver.Url, includeInternal: true, WebhookEvents.ComplaintCreated);
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);

        var complaintId = await portal.FileComplaintAsync(customer, "My parcel never came", isPublic: false, ct: Ct);
        var publicComplaintId = await portal.FileComplaintAsync(customer, "The app crashes on start", isPublic: true, ct: Ct);

        await portal.WaitForDeliveriesAsync(internalId, d => d.Count(x => x.DeliveredAt is not null) == 2);
        await portal.WaitForDeliveriesAsync(publicId, d => d.Count(x => x.DeliveredAt is not null) == 1);
        var toPublic = Assert.Single(publicReceiver.Received);
        Assert.Contains($"\"id\":{publicComplaintId}", toPublic.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("My parcel never came", toPublic.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(customer.Email, toPublic.Body, StringComparison.OrdinalIgnoreCase);
        var privateOne = internalReceiver.Received.Single(r => r.Body.Contains("My parcel never came", StringComparison.Ordinal));
        Assert.Contains($"\"id\":{complaintId}", privateOne.Body, StringComparison.Ordinal);
        Assert.Contains(customer.Email, privateOne.Body, StringComparison.OrdinalIgnoreCase);
    }
}
