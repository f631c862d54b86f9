using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Notifications.Mail;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Webhooks;

/// <summary>The two bodies of one event: the public one is null when the subject is not for everyone's eyes.</summary>
public sealed record WebhookBodies(JsonObject? Public, JsonObject Internal);

/// <summary>
/// Builds an event's "data" from the database, once per event, in two forms. Public: only what an anonymous reader of the
/// portal sees (no private complaint, no internal note, no name or address). Internal: the same plus who wrote it (name and
/// address), the complaint's privacy and reference, internal notes. Held and removed posts make no event at all.
/// </summary>
public sealed class WebhookPayloads(IDbContextFactory<CareDb> dbs, MailLinks links)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<WebhookBodies?> BuildAsync(WebhookTrigger trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == trigger.PostId)
            .Select(p => new
            {
                p.Id, p.Kind, p.Title, p.Status, p.IsPublic, p.VoteCount, p.CreatedAt, p.RemovedAt, p.HeldAt, p.Reference,
                p.Outcome, AuthorName = p.Author!.DisplayName, AuthorEmail = p.Author.Email,
            })
            .FirstOrDefaultAsync(ct);
        if (post is null || post.RemovedAt is not null || post.HeldAt is not null)
        {
            return null;
        }

        var postData = new JsonObject
        {
            ["id"] = post.Id,
            ["kind"] = post.Kind == PostKind.Idea ? "idea" : "complaint",
            ["title"] = post.Title,
            ["status"] = post.Status.ToString(),
            ["votes"] = post.VoteCount,
            ["url"] = links.Thread(post.Id, null),
            ["createdAt"] = post.CreatedAt,
        };
        var publicData = new JsonObject { ["post"] = postData };
        var isPublic = post.IsPublic;
        JsonObject? replyInternal = null;
        if (trigger.ReplyId is { } replyId)
        {
            var reply = await db.Replies.AsNoTracking().Where(r => r.Id == replyId && r.PostId == post.Id)
                .Select(r => new { r.Id, r.Body, r.CreatedAt, r.IsInternalNote, r.HeldAt, r.HiddenAt, AuthorName = r.Author!.DisplayName, AuthorEmail = r.Author.Email })
                .FirstOrDefaultAsync(ct);
            if (reply is null || reply.HeldAt is not null || reply.HiddenAt is not null)
            {
                return null;
            }

            isPublic &= !reply.IsInternalNote;
            var replyData = new JsonObject
            {
                ["id"] = reply.Id, ["body"] = reply.Body, ["createdAt"] = reply.CreatedAt, ["url"] = links.Thread(post.Id, reply.Id),
            };
            publicData["reply"] = replyData;
            replyInternal = new JsonObject
            {
                ["isInternalNote"] = reply.IsInternalNote,
                ["author"] = new JsonObject { ["name"] = reply.AuthorName, ["email"] = reply.AuthorEmail },
            };
        }

        Add(publicData, trigger.Extra);
        var internalData = (JsonObject)publicData.DeepClone();
        var internalPost = (JsonObject)internalData["post"]!;
        internalPost["isPublic"] = post.IsPublic;
        internalPost["reference"] = post.Reference;
        internalPost["outcome"] = post.Outcome?.ToString();
        internalPost["author"] = new JsonObject { ["name"] = post.AuthorName, ["email"] = post.AuthorEmail };
        if (replyInternal is not null)
        {
            foreach (var (name, value) in replyInternal)
            {
                ((JsonObject)internalData["reply"]!)[name] = value?.DeepClone();
            }
        }

        Add(internalData, trigger.InternalExtra);
        return new(isPublic ? publicData : null, internalData);
    }

    /// <summary>The signed body, {"type", "timestamp", "data"}, the shape Standard Webhooks recommends.</summary>
    public static string Envelope(string type, DateTime timestamp, JsonObject data) =>
        new JsonObject { ["type"] = type, ["timestamp"] = timestamp, ["data"] = data.DeepClone() }.ToJsonString(Json);

    private static void Add(JsonObject data, IReadOnlyDictionary<string, object?>? extra)
    {
        foreach (var (name, value) in extra ?? new Dictionary<string, object?>())
        {
            data[name] = JsonSerializer.SerializeToNode(value, Json);
        }
    }
}
